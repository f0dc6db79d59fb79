#include "pipeline/file_io.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <thread>

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

TEST_F(FileIoTest, StagedWritesAppearOnlyOnCommit) {
  ASSERT_TRUE(WriteFileAtomic(dir_ / "keep.txt", "old").ok());
  {
    StagedWrites writes;
    ASSERT_TRUE(writes.Stage(dir_ / "keep.txt", "new").ok());
    ASSERT_TRUE(writes.Stage(dir_ / "sub" / "other.txt", "other").ok());
    EXPECT_EQ(writes.size(), 2u);
    EXPECT_EQ(*ReadFile(dir_ / "keep.txt"), "old");
    EXPECT_FALSE(fs::exists(dir_ / "sub" / "other.txt"));
    ASSERT_TRUE(writes.Commit().ok());
    EXPECT_EQ(writes.size(), 0u);
  }
  EXPECT_EQ(*ReadFile(dir_ / "keep.txt"), "new");
  EXPECT_EQ(*ReadFile(dir_ / "sub" / "other.txt"), "other");
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
    EXPECT_EQ(*ReadFile(dir_ / "out" / (std::to_string(i) + ".txt")), std::to_string(i));
  }
  EXPECT_EQ(Entries(), 100u);
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
  EXPECT_EQ(*ReadFile(dir_ / "fine.txt"), "fine");
  EXPECT_EQ(Entries(), 1u);
}

TEST_F(FileIoTest, UncommittedStagedWritesLeaveNothingBehind) {
  ASSERT_TRUE(WriteFileAtomic(dir_ / "keep.txt", "old").ok());
  {
    StagedWrites writes;
    ASSERT_TRUE(writes.Stage(dir_ / "keep.txt", "new").ok());
    ASSERT_TRUE(writes.Stage(dir_ / "added.txt", "added").ok());
  }
  EXPECT_EQ(*ReadFile(dir_ / "keep.txt"), "old");
  EXPECT_FALSE(fs::exists(dir_ / "added.txt"));
  EXPECT_EQ(Entries(), 1u);
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

}  // namespace
}  // namespace l10n
