// Reading and atomically writing files. All filesystem errors become Status.
#ifndef L10N_PIPELINE_FILE_IO_H_
#define L10N_PIPELINE_FILE_IO_H_

#include <sys/types.h>

#include <atomic>
#include <cstddef>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "pipeline/status.h"

namespace l10n {

// Largest input file the pipeline reads; larger ones are refused with a
// clear error instead of exhausting memory.
inline constexpr std::size_t kMaxInputBytes = 64u * 1024u * 1024u;
// Largest translation memory file: a project's memory grows with all of its
// content (300,000 units make about 80 MB of TMX), unlike one document.
inline constexpr std::size_t kMaxMemoryFileBytes = 1024u * 1024u * 1024u;

Result<std::string> ReadFile(const std::filesystem::path& path,
                             std::size_t max_bytes = kMaxInputBytes);

// While it lives, asks the kernel, from a thread of its own, to start reading
// `paths` into its cache, in order, without waiting for the data. Files that a
// batch then reads one by one come from memory, or from reads already under
// way, instead of one disk read at a time per worker. Files that cannot be
// opened are passed over (reading them later reports the error).
class ReadAhead {
 public:
  // The path of file `index` of the ones to read. Made when it is asked for, so that a batch of
  // many documents need not hold the paths of all its inputs at once.
  using PathOf = std::function<std::string(std::size_t index)>;

  // Reads ahead files 0..count-1, as named by `path_of`. It is called on the read-ahead's own
  // thread while the batch's workers run, so it must be safe to call alongside them, and what it
  // refers to must outlive this.
  ReadAhead(std::size_t count, PathOf path_of);
  // Reads ahead `paths` (which must outlive this).
  explicit ReadAhead(const std::vector<std::string>& paths);
  explicit ReadAhead(std::vector<std::string>&& paths) = delete;
  ReadAhead(const ReadAhead&) = delete;
  ReadAhead& operator=(const ReadAhead&) = delete;
  ~ReadAhead();  // stops asking, and waits for the thread

 private:
  std::size_t count_;
  PathOf path_of_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// Writes `contents` to a temporary file beside `path`, flushes it to disk and
// renames it over `path`, creating parent directories. On failure `path` is
// left as it was and no temporary file remains.
Status WriteFileAtomic(const std::filesystem::path& path, const std::string& contents);

// Makes a file's contents a piece at a time, passing each to `write`, so that
// a large file never has to be held whole.
using ContentWriter = std::function<Status(std::string_view piece)>;
using ContentProducer = std::function<Status(const ContentWriter& write)>;

// Writes a file in a directory that no one else sees yet (a staging
// directory), creating parent directories, without flushing it to disk: the
// whole directory is flushed once with SyncFilesystem before it is moved
// into place.
Status WriteNewFile(const std::filesystem::path& path, std::string_view contents);
// The same with the contents made a piece at a time by `produce`.
Status WriteNewFile(const std::filesystem::path& path, const ContentProducer& produce);

// WriteNewFile for output that replaces an earlier version of itself, such as a site's pages:
// when the file `previous` holds exactly `contents`, `path` becomes another name of that file (a
// hard link) instead of a new file with the same bytes, so an unchanged page costs no new file
// and keeps its modification time. Whatever is at `path` already is removed first, never written
// through (it may itself be another name of a published file). Any reason not to link (no
// `previous`, other bytes, another filesystem or owner, a `previous` that has other names
// already) writes the file as WriteNewFile does.
Status WriteNewFileOrLink(const std::filesystem::path& path, std::string_view contents,
                          const std::filesystem::path& previous);

// Flushes the filesystem that holds `path` to disk.
Status SyncFilesystem(const std::filesystem::path& path);

// What identifies the file at `path` as it is now, as one line: its path, device, inode, size and
// modification time ("" when it cannot be stat'ed). Another stamp later means the file changed
// (or was replaced) in between.
std::string FileStamp(const std::string& path);

// Removes `path` and everything under it, as std::filesystem::remove_all does (symbolic links are
// removed, not followed), with the files removed several at a time: removing a file mostly waits
// for the disk to give its directory and inode, and several waits at once overlap. For trees that
// are no longer wanted, such as the output a build has replaced: what cannot be removed is left,
// without an error. Nothing happens when `path` does not exist. Files are listed and removed
// `batch` at a time, so the memory it takes does not grow with the tree.
void RemoveTree(const std::filesystem::path& path, std::size_t batch = 4096);

// A group of files written together. Stage() writes each file at once (so the contents need
// not stay in memory) where no one sees it yet; Commit() flushes them to disk with one sync per
// filesystem and then puts them in place. Whatever is not committed is removed when the group
// goes away, leaving the destinations as they were. Stage() may be called from several threads.
//
// Files for a directory that does not exist yet are written under their own names into a new
// staging directory beside it, which Commit() renames into place whole: the directory appears
// with every file at once, for one rename instead of one per file. Files for an existing
// directory are written to temporary files beside their destinations and each renamed over its
// destination. If the directory appears before the commit, its staged files are moved into it
// one by one.
class StagedWrites {
 public:
  StagedWrites() = default;
  StagedWrites(const StagedWrites&) = delete;
  StagedWrites& operator=(const StagedWrites&) = delete;
  ~StagedWrites();

  // Readies `directory` for the files to come, so that a directory that cannot be made is one
  // error before any work rather than one per file. Optional: Stage() does the same.
  Status Prepare(const std::filesystem::path& directory);
  Status Stage(const std::filesystem::path& path, std::string_view contents);
  // The same, with the contents made by `produce`; when it fails, nothing is
  // staged for `path`.
  Status Stage(const std::filesystem::path& path, const ContentProducer& produce);
  Status Commit();
  // Starts what Commit's flush does for the files staged so far, and waits for it, without
  // keeping others from staging: called from another thread while a batch goes on, it leaves the
  // final flush, which nothing overlaps, less to wait for. Commit flushes all the same.
  void FlushSoFar();
  std::size_t size() const;

 private:
  struct Directory {
    std::string path;     // as files name it (their parent path, or ".")
    dev_t device = 0;     // its filesystem, flushed at most once at commit
    std::string staging;  // when not empty: the new directory its files are written into
    bool moved = false;   // the staging directory was renamed into place
    // Whether a file created in the staging directory with mode 0644 has that mode already (the
    // umask and the directory's default ACL take nothing from it): -1 until the first is made.
    std::atomic<int> keeps_0644{-1};
  };
  // A file written and not yet in place, named within its directory rather than by whole paths:
  // a batch holds one of these for every file it writes.
  struct Staged {
    Directory* directory = nullptr;  // an entry of directories_ (map nodes never move)
    std::string name;                // the file's name in its directory
    std::string temporary;           // the temporary file's name beside it (empty: `name` in
                                     // the directory's staging directory)
  };
  Result<Directory*> DirectoryFor(const std::string& directory);  // with mutex_ held
  // A directory on each filesystem that holds staged files, to flush it by (none when nothing is
  // staged); with mutex_ held.
  std::vector<std::string> FlushTargets() const;
  static std::string Destination(const Staged& staged);
  static std::string Temporary(const Staged& staged);

  mutable std::mutex mutex_;
  std::deque<Staged> staged_;                     // no copy of them all when it grows
  std::map<std::string, Directory> directories_;  // by destination directory
};

}  // namespace l10n

#endif  // L10N_PIPELINE_FILE_IO_H_
