# Sourced by the benchmark scripts: where timed runs write their files.
#
# On ext4 without a journal (the root filesystem of the development machine), creating files
# right after thousands were deleted nearby is slow: to allocate an inode the kernel passes over
# every free inode of the block group that was freed in the last minute, or the last six minutes
# while its inode table block is not written back (fs/ext4/ialloc.c, recently_deleted()), looking
# each one up in the buffer cache. A run that writes 1,000 files into the place where the previous
# run's 1,000 were just deleted then spends two to four times its own CPU in the kernel; that
# measures the filesystem, not the program.
#
# So every invocation writes into a directory of its own, made under a parent marked with ext4's
# "top of directory hierarchy" attribute (`chattr +T`): the Orlov allocator then places each new
# directory under it, and the files created there, in a block group of its own choosing rather
# than the parent's, away from what earlier invocations deleted. Nothing is deleted before a timed
# run; what earlier invocations left is deleted after the timing. On other filesystems the
# attribute is not set, and does not matter.

# fresh_dir PARENT NAME: makes and prints a new, empty directory PARENT/NAME.XXXXXX.
fresh_dir() {
  mkdir -p "$1"
  chattr +T "$1" 2>/dev/null || true
  mktemp -d "$1/$2.XXXXXX"
}

# remove_older PARENT NAME KEEP: deletes PARENT/NAME and PARENT/NAME.* except KEEP.
remove_older() {
  local dir
  for dir in "$1/$2" "$1/$2".*; do
    if [ -e "$dir" ] && [ "$dir" != "$3" ]; then rm -rf "$dir" || true; fi
  done
}
