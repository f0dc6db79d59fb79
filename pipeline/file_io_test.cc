#include "pipeline/file_io.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "pipeline/test_support.h"

namespace l10n {
namespace {

namespace fs = std::filesystem;

class FileIoTest : public ::testing::Test {
 protected:
  std::size_t Entries() const {
    std::size_t n = 0;
    for (auto it = fs::recursive_directory_iterator(dir_); it != fs::recursive_directory_iterator();
         ++it)
      n += it->is_regular_file();
    return n;
  }
  // The contents of `path`, or why it cannot be read: a file that is not there fails the
  // comparison it is in rather than being dereferenced.
  static std::string Contents(const fs::path& path) {
    Result<std::string> read = ReadFile(path);
    return read.ok() ? *read : "(" + read.status().ToString() + ")";
  }
  testing_support::TempDir temp_;
  const fs::path dir_ = temp_.path();
};

TEST_F(FileIoTest, ReadsWhatWasWrittenAndSaysWhyNot) {
  ASSERT_TRUE(WriteFileAtomic(dir_ / "a" / "b.txt", "héllo\n").ok());
  Result<std::string> read = ReadFile(dir_ / "a" / "b.txt");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read, "héllo\n");
  Result<std::string> missing = ReadFile(dir_ / "none.txt");
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  Result<std::string> directory = ReadFile(dir_ / "a");
  EXPECT_EQ(directory.status().code(), Status::Code::kInvalidArgument);
  Result<std::string> too_big = ReadFile(dir_ / "a" / "b.txt", 3);
  EXPECT_EQ(too_big.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(too_big.status().message().find("over the limit"), std::string::npos);
}

// Files named without a directory are staged in the working directory, replaced and added on
// commit, and a batch given up before committing leaves none of its temporary files there.
TEST_F(FileIoTest, StagedFilesNamedWithoutADirectoryGoToTheWorkingDirectory) {
  const fs::path before = fs::current_path();
  fs::current_path(dir_);
  ASSERT_TRUE(WriteFileAtomic("kept.txt", "old").ok());
  {
    StagedWrites writes;
    ASSERT_TRUE(writes.Stage("kept.txt", "new").ok());
    ASSERT_TRUE(writes.Stage("added.txt", "added").ok());
    EXPECT_EQ(Entries(), 3u);  // kept.txt and two temporary files
    EXPECT_EQ(Contents("kept.txt"), "old");
    ASSERT_TRUE(writes.Commit().ok());
  }
  EXPECT_EQ(Contents("kept.txt"), "new");
  EXPECT_EQ(Contents("added.txt"), "added");
  {
    StagedWrites writes;
    ASSERT_TRUE(writes.Stage("kept.txt", "newer").ok());
  }
  {
    // A commit that fails names the file as it was given.
    StagedWrites writes;
    ASSERT_TRUE(writes.Stage("taken", "contents").ok());
    fs::create_directories(dir_ / "taken" / "inside");
    Status committed = writes.Commit();
    EXPECT_FALSE(committed.ok());
    EXPECT_EQ(committed.where().file, "taken");
  }
  fs::current_path(before);
  fs::remove_all(dir_ / "taken");
  EXPECT_EQ(Contents(dir_ / "kept.txt"), "new");
  EXPECT_EQ(Entries(), 2u);  // no temporary file left
}

TEST_F(FileIoTest, StagedWritesAppearOnlyOnCommit) {
  ASSERT_TRUE(WriteFileAtomic(dir_ / "keep.txt", "old").ok());
  {
    StagedWrites writes;
    ASSERT_TRUE(writes.Stage(dir_ / "keep.txt", "new").ok());
    ASSERT_TRUE(writes.Stage(dir_ / "sub" / "other.txt", "other").ok());
    EXPECT_EQ(writes.size(), 2u);
    EXPECT_EQ(Contents(dir_ / "keep.txt"), "old");
    EXPECT_FALSE(fs::exists(dir_ / "sub" / "other.txt"));
    ASSERT_TRUE(writes.Commit().ok());
    EXPECT_EQ(writes.size(), 0u);
  }
  EXPECT_EQ(Contents(dir_ / "keep.txt"), "new");
  EXPECT_EQ(Contents(dir_ / "sub" / "other.txt"), "other");
  EXPECT_EQ(Entries(), 2u);  // no temporary file left
}

TEST_F(FileIoTest, StagedWritesFromSeveralThreadsIntoOneNewDirectory) {
  StagedWrites writes;
  auto stage = [&](int from) {
    for (int i = from; i < from + 50; ++i) {
      ASSERT_TRUE(
          writes.Stage(dir_ / "out" / (std::to_string(i) + ".txt"), std::to_string(i)).ok());
    }
  };
  std::thread other(stage, 50);
  stage(0);
  other.join();
  // A file that appears at a destination after it was staged is replaced, not an error.
  ASSERT_TRUE(WriteFileAtomic(dir_ / "out" / "7.txt", "someone else's").ok());
  ASSERT_TRUE(writes.Commit().ok());
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(Contents(dir_ / "out" / (std::to_string(i) + ".txt")), std::to_string(i));
  }
  EXPECT_EQ(Entries(), 100u);
}

// Flushing what is staged so far, while other threads stage more, into a new directory and an
// existing one: nothing appears before the commit, and the commit puts every file in place.
TEST_F(FileIoTest, FlushingSoFarWhileStagingChangesNothingButTheDisk) {
  StagedWrites writes;
  writes.FlushSoFar();  // nothing staged yet
  std::atomic<bool> staging{true};
  std::thread flusher([&] {
    while (staging.load()) writes.FlushSoFar();
  });
  auto stage = [&](int from) {
    for (int i = from; i < from + 50; ++i) {
      ASSERT_TRUE(
          writes.Stage(dir_ / "out" / (std::to_string(i) + ".txt"), std::to_string(i)).ok());
      ASSERT_TRUE(writes.Stage(dir_ / ("kept-" + std::to_string(i)), std::to_string(i)).ok());
    }
  };
  std::thread other(stage, 50);
  stage(0);
  other.join();
  staging = false;
  flusher.join();
  writes.FlushSoFar();
  EXPECT_FALSE(fs::exists(dir_ / "out"));
  EXPECT_FALSE(fs::exists(dir_ / "kept-0"));
  ASSERT_TRUE(writes.Commit().ok());
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(Contents(dir_ / "out" / (std::to_string(i) + ".txt")), std::to_string(i));
    EXPECT_EQ(Contents(dir_ / ("kept-" + std::to_string(i))), std::to_string(i));
  }
  EXPECT_EQ(Entries(), 200u);  // no temporary file left
}

TEST_F(FileIoTest, AFailedCommitSaysWhichFileAndLeavesNoTemporaryFile) {
  {
    StagedWrites writes;
    ASSERT_TRUE(writes.Stage(dir_ / "taken", "contents").ok());
    ASSERT_TRUE(writes.Stage(dir_ / "fine.txt", "fine").ok());
    fs::create_directories(dir_ / "taken" / "inside");  // a directory where the file should go
    Status committed = writes.Commit();
    EXPECT_FALSE(committed.ok());
    EXPECT_EQ(committed.where().file, (dir_ / "taken").string());
  }
  EXPECT_EQ(Contents(dir_ / "fine.txt"), "fine");
  EXPECT_EQ(Entries(), 1u);
}

TEST_F(FileIoTest, UncommittedStagedWritesLeaveNothingBehind) {
  ASSERT_TRUE(WriteFileAtomic(dir_ / "keep.txt", "old").ok());
  {
    StagedWrites writes;
    ASSERT_TRUE(writes.Stage(dir_ / "keep.txt", "new").ok());
    ASSERT_TRUE(writes.Stage(dir_ / "added.txt", "added").ok());
  }
  EXPECT_EQ(Contents(dir_ / "keep.txt"), "old");
  EXPECT_FALSE(fs::exists(dir_ / "added.txt"));
  EXPECT_EQ(Entries(), 1u);
}

// Every entry of `dir`, hidden ones too, by name.
std::vector<std::string> Names(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

TEST_F(FileIoTest, ANewDirectoryAppearsWholeOnCommit) {
  {
    StagedWrites writes;
    ASSERT_TRUE(writes.Prepare(dir_ / "out" / "").ok());  // "out/", as a user may write it
    for (int i = 0; i < 20; ++i) {
      ASSERT_TRUE(
          writes.Stage(dir_ / "out" / (std::to_string(i) + ".txt"), std::to_string(i)).ok());
    }
    // Nothing at the destination yet: the files wait in one hidden directory beside it.
    EXPECT_FALSE(fs::exists(dir_ / "out"));
    const std::vector<std::string> before = Names(dir_);
    ASSERT_EQ(before.size(), 1u);
    EXPECT_EQ(before[0].rfind(".out.staging-", 0), 0u) << before[0];
    ASSERT_TRUE(writes.Commit().ok());
  }
  EXPECT_EQ(Names(dir_), std::vector<std::string>{"out"});
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(Contents(dir_ / "out" / (std::to_string(i) + ".txt")), std::to_string(i));
  }
  EXPECT_EQ(Entries(), 20u);
  // Files and directory get the modes they would have had if written one by one.
  EXPECT_EQ(fs::status(dir_ / "out" / "3.txt").permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                fs::perms::others_read);
  fs::create_directories(dir_ / "plain");
  EXPECT_EQ(fs::status(dir_ / "out").permissions(), fs::status(dir_ / "plain").permissions());
}

// Every staged file is 0644, whatever the umask: set where the umask takes bits from it, and
// left as created where it does not (the first file of a directory shows which).
TEST_F(FileIoTest, StagedFilesAre0644WhateverTheUmask) {
  const auto rw_r_r = fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                      fs::perms::others_read;
  // The process's umask is put back however the test ends.
  struct UmaskRestorer {
    ::mode_t before = ::umask(022);
    ~UmaskRestorer() { ::umask(before); }
  } restorer;
  for (const ::mode_t mask : {::mode_t{022}, ::mode_t{077}, ::mode_t{0}, ::mode_t{027}}) {
    ::umask(mask);
    const fs::path out = dir_ / ("out-" + std::to_string(mask));
    {
      StagedWrites writes;
      for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(writes.Stage(out / (std::to_string(i) + ".txt"), "x").ok());
      }
      ASSERT_TRUE(writes.Commit().ok());
    }
    for (int i = 0; i < 3; ++i) {
      EXPECT_EQ(fs::status(out / (std::to_string(i) + ".txt")).permissions() & fs::perms::all,
                rw_r_r)
          << "umask " << mask << ", file " << i;
    }
  }
}

TEST_F(FileIoTest, ADirectoryMadeBeforeTheCommitKeepsWhatIsInIt) {
  {
    StagedWrites writes;
    ASSERT_TRUE(writes.Stage(dir_ / "out" / "a.txt", "staged a").ok());
    ASSERT_TRUE(writes.Stage(dir_ / "out" / "b.txt", "staged b").ok());
    // Someone makes the directory and writes into it while the batch runs.
    ASSERT_TRUE(WriteFileAtomic(dir_ / "out" / "theirs.txt", "theirs").ok());
    ASSERT_TRUE(WriteFileAtomic(dir_ / "out" / "b.txt", "their b").ok());
    ASSERT_TRUE(writes.Commit().ok());
  }
  EXPECT_EQ(Contents(dir_ / "out" / "theirs.txt"), "theirs");
  EXPECT_EQ(Contents(dir_ / "out" / "a.txt"), "staged a");
  EXPECT_EQ(Contents(dir_ / "out" / "b.txt"), "staged b");
  EXPECT_EQ(Names(dir_), std::vector<std::string>{"out"});  // the staging directory is gone
  EXPECT_EQ(Entries(), 3u);
}

TEST_F(FileIoTest, AnUncommittedNewDirectoryLeavesNothingBehind) {
  {
    StagedWrites writes;
    ASSERT_TRUE(writes.Stage(dir_ / "out" / "a.txt", "a").ok());
    ASSERT_TRUE(writes.Stage(dir_ / "out" / "deeper" / "b.txt", "b").ok());
  }
  // The parents of a new directory are made as they would be by the files themselves; nothing
  // else remains.
  EXPECT_EQ(Names(dir_), std::vector<std::string>{"out"});
  EXPECT_TRUE(Names(dir_ / "out").empty());
  EXPECT_EQ(Entries(), 0u);
}

TEST_F(FileIoTest, StagingSaysWhatIsWrongWithADirectory) {
  ASSERT_TRUE(WriteFileAtomic(dir_ / "file", "a file").ok());
  StagedWrites writes;
  Status prepared = writes.Prepare(dir_ / "file");
  EXPECT_EQ(prepared.code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(prepared.where().file, (dir_ / "file").string());
  EXPECT_NE(prepared.message().find("not a directory"), std::string::npos) << prepared.message();
  Status staged = writes.Stage(dir_ / "file" / "a.txt", "a");
  EXPECT_FALSE(staged.ok());
  // A symbolic link that leads nowhere is not replaced by a new directory.
  fs::create_symlink(dir_ / "nowhere", dir_ / "dangling");
  EXPECT_FALSE(writes.Prepare(dir_ / "dangling").ok());
  EXPECT_TRUE(fs::is_symlink(dir_ / "dangling"));
  // The same file twice in a new directory is refused, not silently overwritten.
  ASSERT_TRUE(writes.Stage(dir_ / "out" / "a.txt", "first").ok());
  Status twice = writes.Stage(dir_ / "out" / "a.txt", "second");
  EXPECT_EQ(twice.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(twice.message().find("twice"), std::string::npos) << twice.message();
  ASSERT_TRUE(writes.Commit().ok());
  EXPECT_EQ(Contents(dir_ / "out" / "a.txt"), "first");
}

TEST_F(FileIoTest, ReadingAheadPassesOverWhatCannotBeReadAndChangesNothing) {
  std::vector<std::string> paths;
  for (int i = 0; i < 200; ++i) {
    const fs::path path = dir_ / (std::to_string(i) + ".txt");
    ASSERT_TRUE(WriteFileAtomic(path, std::string(static_cast<std::size_t>(i) * 100, 'x')).ok());
    paths.push_back(path.string());
    if (i % 50 == 0) paths.push_back((dir_ / "missing" / std::to_string(i)).string());
  }
  paths.push_back(dir_.string());  // a directory
  {
    const ReadAhead ahead(paths);
    for (int i = 0; i < 200; ++i) {
      Result<std::string> read = ReadFile(dir_ / (std::to_string(i) + ".txt"));
      ASSERT_TRUE(read.ok());
      EXPECT_EQ(read->size(), static_cast<std::size_t>(i) * 100);
    }
  }
  // Going away while it still has files to ask for stops it at once.
  std::vector<std::string> many;
  for (int round = 0; round < 500; ++round) many.insert(many.end(), paths.begin(), paths.end());
  { const ReadAhead ahead(many); }
  EXPECT_EQ(Entries(), 200u);
  EXPECT_FALSE(fs::exists(dir_ / "missing"));
}

TEST_F(FileIoTest, StagedContentsMayBeMadeInPieces) {
  StagedWrites writes;
  ASSERT_TRUE(writes
                  .Stage(dir_ / "big.txt",
                         [](const ContentWriter& write) {
                           for (int i = 0; i < 1000; ++i) {
                             L10N_RETURN_IF_ERROR(write("line " + std::to_string(i) + "\n"));
                           }
                           return Status::Ok();
                         })
                  .ok());
  // A producer that fails stages nothing and leaves no temporary file.
  Status failed = writes.Stage(dir_ / "broken.txt", [](const ContentWriter& write) {
    L10N_RETURN_IF_ERROR(write("half"));
    return Status::Corrupt("the source of the contents is broken");
  });
  EXPECT_EQ(failed.message(), "the source of the contents is broken");
  EXPECT_EQ(writes.size(), 1u);
  ASSERT_TRUE(writes.Commit().ok());
  Result<std::string> read = ReadFile(dir_ / "big.txt");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->substr(0, 14), "line 0\nline 1\n");
  EXPECT_EQ(read->substr(read->size() - 9), "line 999\n");
  EXPECT_FALSE(fs::exists(dir_ / "broken.txt"));
  EXPECT_EQ(Entries(), 1u);
}

TEST_F(FileIoTest, RemovingATreeRemovesItAllAndNoMore) {
  // Enough files for them to be removed on several threads, in nested directories, with links
  // to a directory and a file outside the tree, which are removed and not followed.
  const fs::path outside = dir_ / "outside";
  ASSERT_TRUE(WriteFileAtomic(outside / "kept.txt", "kept\n").ok());
  const fs::path tree = dir_ / "tree";
  for (int d = 0; d < 5; ++d) {
    for (int f = 0; f < 40; ++f) {
      const fs::path file =
          tree / ("d" + std::to_string(d)) / "nested" / ("f" + std::to_string(f) + ".html");
      ASSERT_TRUE(WriteFileAtomic(file, "page\n").ok());
    }
  }
  fs::create_directory_symlink(outside, tree / "link-to-directory");
  fs::create_symlink(outside / "kept.txt", tree / "d0" / "link-to-file");
  fs::create_directories(tree / "empty" / "deeper");
  RemoveTree(tree);
  EXPECT_FALSE(fs::exists(tree));
  EXPECT_TRUE(fs::exists(outside / "kept.txt"));
  RemoveTree(tree);  // gone already: nothing to do
  EXPECT_FALSE(fs::exists(tree));
}

TEST_F(FileIoTest, RemovingATreeInSmallBatchesRemovesItAll) {
  // Batches of 70 files (each large enough for several threads), and of 1, over 300 files in
  // directories that each span several batches: the listing goes on while files are removed.
  for (const std::size_t batch : {std::size_t{70}, std::size_t{1}}) {
    const fs::path tree = dir_ / ("batched-" + std::to_string(batch));
    for (int d = 0; d < 3; ++d) {
      for (int f = 0; f < 100; ++f) {
        ASSERT_TRUE(WriteFileAtomic(
                        tree / ("d" + std::to_string(d)) / (std::to_string(f) + ".html"), "page\n")
                        .ok());
      }
    }
    RemoveTree(tree, batch);
    EXPECT_FALSE(fs::exists(tree)) << "batch " << batch;
  }
}

TEST_F(FileIoTest, AnUnchangedFileIsLinkedToItsPreviousVersionAndAChangedOneWritten) {
  const fs::path previous = dir_ / "old" / "page.html";
  ASSERT_TRUE(WriteNewFile(previous, "<p>same</p>\n").ok());
  struct stat old_info {};
  ASSERT_EQ(::stat(previous.c_str(), &old_info), 0);

  // The same bytes: another name of the same file.
  const fs::path same = dir_ / "new" / "same.html";
  ASSERT_TRUE(WriteNewFileOrLink(same, "<p>same</p>\n", previous).ok());
  struct stat info {};
  ASSERT_EQ(::stat(same.c_str(), &info), 0);
  EXPECT_EQ(info.st_ino, old_info.st_ino);
  EXPECT_EQ(info.st_nlink, 2u);

  // Other bytes, a prefix of them, or more: a file of its own, and the previous one untouched.
  for (const std::string contents : {"<p>changed</p>\n", "<p>same</p>", "<p>same</p>\n\n"}) {
    const fs::path changed = dir_ / "new" / "changed.html";
    ASSERT_TRUE(WriteNewFileOrLink(changed, contents, previous).ok());
    ASSERT_EQ(::stat(changed.c_str(), &info), 0);
    EXPECT_NE(info.st_ino, old_info.st_ino) << contents;
    EXPECT_EQ(*ReadFile(changed), contents);
    EXPECT_EQ(*ReadFile(previous), "<p>same</p>\n");
  }

  // A previous version that has another name already (here, `same`): written, so that a page
  // never shares its file with anything but the one page it replaces.
  const fs::path shared = dir_ / "new" / "shared.html";
  ASSERT_TRUE(WriteNewFileOrLink(shared, "<p>same</p>\n", previous).ok());
  ASSERT_EQ(::stat(shared.c_str(), &info), 0);
  EXPECT_NE(info.st_ino, old_info.st_ino);
  EXPECT_EQ(*ReadFile(shared), "<p>same</p>\n");

  // No previous version, or one that is missing: written.
  ASSERT_TRUE(WriteNewFileOrLink(dir_ / "new" / "first.html", "first\n", "").ok());
  ASSERT_TRUE(
      WriteNewFileOrLink(dir_ / "new" / "gone.html", "gone\n", dir_ / "old" / "missing.html").ok());
  EXPECT_EQ(*ReadFile(dir_ / "new" / "gone.html"), "gone\n");

  // Written again where a link is, the file is replaced, never written through: the previous
  // version (a published page) keeps its bytes.
  ASSERT_TRUE(WriteNewFileOrLink(same, "<p>rendered again</p>\n", previous).ok());
  EXPECT_EQ(*ReadFile(same), "<p>rendered again</p>\n");
  EXPECT_EQ(*ReadFile(previous), "<p>same</p>\n");
  ASSERT_EQ(::stat(previous.c_str(), &info), 0);
  EXPECT_EQ(info.st_nlink, 1u);
}

}  // namespace
}  // namespace l10n
