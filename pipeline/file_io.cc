#include "pipeline/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <random>
#include <set>
#include <system_error>
#include <vector>

#include "pipeline/parallel.h"

namespace l10n {

Result<std::string> ReadFile(const std::filesystem::path& path, std::size_t max_bytes) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR)
      return Status::NotFound("no such file; check the path", Location{path.string()});
    return Status::IoError(std::string("cannot open for reading: ") + std::strerror(errno),
                           Location{path.string()});
  }
  struct stat info;
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return Status::InvalidArgument("not a regular file; give the path of a file",
                                   Location{path.string()});
  }
  const auto size = static_cast<std::size_t>(info.st_size);
  if (size > max_bytes) {
    ::close(fd);
    return Status::InvalidArgument("file is " + std::to_string(size) +
                                       " bytes, over the limit of " + std::to_string(max_bytes) +
                                       " bytes for one input file; split the document",
                                   Location{path.string()});
  }
  std::string data(size, '\0');
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::read(fd, data.data() + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string why = n < 0 ? std::strerror(errno) : "the file shrank while being read";
      ::close(fd);
      return Status::IoError("cannot read: " + why, Location{path.string()});
    }
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  return data;
}

ReadAhead::ReadAhead(std::size_t count, PathOf path_of)
    : count_(count), path_of_(std::move(path_of)) {
  if (count_ < 2) return;  // one file is read at once anyway
  thread_ = std::thread([this] {
    for (std::size_t i = 0; i < count_; ++i) {
      if (stop_.load(std::memory_order_relaxed)) return;
      const std::string path = path_of_(i);
      const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) continue;
      ::posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED);
      ::close(fd);
    }
  });
}

ReadAhead::ReadAhead(const std::vector<std::string>& paths)
    : ReadAhead(paths.size(), [&paths](std::size_t i) { return paths[i]; }) {}

ReadAhead::~ReadAhead() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

namespace {

// Creates the directories that will hold `path`.
Status MakeParent(const std::filesystem::path& path) {
  const std::filesystem::path parent = path.parent_path();
  if (parent.empty()) return Status::Ok();
  std::error_code ec;
  std::filesystem::create_directories(parent, ec);
  if (ec) {
    return Status::IoError("cannot create directory: " + ec.message(), Location{parent.string()});
  }
  return Status::Ok();
}

// Writes each piece whole to `fd`, the open file `path`.
ContentWriter WriterTo(int fd, const std::filesystem::path& path) {
  return [fd, &path](std::string_view piece) {
    const char* data = piece.data();
    std::size_t left = piece.size();
    while (left > 0) {
      const ssize_t n = ::write(fd, data, left);
      if (n < 0) {
        if (errno == EINTR) continue;
        return Status::IoError(std::string("cannot write: ") + std::strerror(errno),
                               Location{path.string()});
      }
      data += n;
      left -= static_cast<std::size_t>(n);
    }
    return Status::Ok();
  };
}

// Fills the new file `name`, open as `fd`, with what `produce` makes for `destination`, gives it
// mode 0644 whatever the umask when `set_mode` (the caller may know it has that mode already),
// flushes it to disk when `sync`, and closes it. On failure the file is removed.
Status FillNewFile(int fd, const std::string& name, const std::filesystem::path& destination,
                   const ContentProducer& produce, bool sync, bool set_mode = true) {
  Status filled = produce(WriterTo(fd, destination));
  if (filled.ok()) {
    if (set_mode) ::fchmod(fd, 0644);
    if (sync && ::fsync(fd) != 0) {
      filled = Status::IoError(std::string("cannot flush: ") + std::strerror(errno),
                               Location{destination.string()});
    }
  }
  if (::close(fd) != 0 && filled.ok()) {
    filled = Status::IoError(std::string("cannot write: ") + std::strerror(errno),
                             Location{destination.string()});
  }
  if (!filled.ok()) ::unlink(name.c_str());
  return filled;
}

// Writes what `produce` makes to a new temporary file beside `path` and returns its name;
// flushed to disk when `sync`. Parent directories are made first unless `parent_exists`. On
// failure no temporary file remains.
Result<std::string> WriteTemporary(const std::filesystem::path& path,
                                   const ContentProducer& produce, bool sync,
                                   bool parent_exists = false) {
  if (!parent_exists) L10N_RETURN_IF_ERROR(MakeParent(path));
  const std::filesystem::path parent = path.parent_path();
  std::string tmp_template = (parent.empty() ? std::string(".") : parent.string()) + "/." +
                             path.filename().string() + ".tmp-XXXXXX";
  int fd = mkstemp(tmp_template.data());
  if (fd < 0) {
    return Status::IoError(std::string("cannot create temporary file: ") + std::strerror(errno),
                           Location{path.string()});
  }
  L10N_RETURN_IF_ERROR(FillNewFile(fd, tmp_template, path, produce, sync));
  return tmp_template;
}

Result<std::string> WriteTemporary(const std::filesystem::path& path, std::string_view contents,
                                   bool sync) {
  return WriteTemporary(
      path, [&](const ContentWriter& write) { return write(contents); }, sync);
}

}  // namespace

Status WriteFileAtomic(const std::filesystem::path& path, const std::string& contents) {
  Result<std::string> tmp = WriteTemporary(path, contents, true);
  if (!tmp.ok()) return tmp.status();
  if (::rename(tmp->c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(tmp->c_str());
    return Status::IoError("cannot replace file: " + why, Location{path.string()});
  }
  return Status::Ok();
}

Status WriteNewFile(const std::filesystem::path& path, const ContentProducer& produce) {
  L10N_RETURN_IF_ERROR(MakeParent(path));
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    return Status::IoError(std::string("cannot create file: ") + std::strerror(errno),
                           Location{path.string()});
  }
  const ContentWriter write = WriterTo(fd, path);
  Status produced = produce(write);
  if (::close(fd) != 0 && produced.ok()) {
    produced = Status::IoError(std::string("cannot write: ") + std::strerror(errno),
                               Location{path.string()});
  }
  return produced;
}

Status WriteNewFile(const std::filesystem::path& path, std::string_view contents) {
  return WriteNewFile(path, [&](const ContentWriter& write) { return write(contents); });
}

namespace {

// Whether the open file `fd` is a regular file of this user's, with no other name (nothing else
// shares it), holding exactly `contents`.
bool HoldsExactly(int fd, std::string_view contents) {
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != ::geteuid() ||
      st.st_nlink != 1 || static_cast<std::size_t>(st.st_size) != contents.size()) {
    return false;
  }
  char buffer[16384];
  std::size_t at = 0;
  while (at < contents.size()) {
    const ssize_t n = ::read(fd, buffer, std::min(sizeof buffer, contents.size() - at));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0 || std::memcmp(buffer, contents.data() + at, static_cast<std::size_t>(n)) != 0)
      return false;
    at += static_cast<std::size_t>(n);
  }
  char more;
  return ::read(fd, &more, 1) == 0;  // and nothing after them
}

}  // namespace

Status WriteNewFileOrLink(const std::filesystem::path& path, std::string_view contents,
                          const std::filesystem::path& previous) {
  ::unlink(path.c_str());  // never written through: it may be a name of a published file
  if (!previous.empty()) {
    const int fd = ::open(previous.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd >= 0) {
      bool linked = false;
      if (HoldsExactly(fd, contents) && MakeParent(path).ok()) {
        // The file just compared, by its descriptor: not whatever `previous` names by now.
        const std::string self = "/proc/self/fd/" + std::to_string(fd);
        linked = ::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, path.c_str(), AT_SYMLINK_FOLLOW) == 0;
      }
      ::close(fd);
      if (linked) return Status::Ok();
    }
  }
  return WriteNewFile(path, contents);
}

Status SyncFilesystem(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::syncfs(fd) != 0) {
    const std::string why = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    return Status::IoError("cannot flush to disk: " + why, Location{path.string()});
  }
  ::close(fd);
  return Status::Ok();
}

std::string FileStamp(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return "";
  return path + " " + std::to_string(st.st_dev) + " " + std::to_string(st.st_ino) + " " +
         std::to_string(st.st_size) + " " + std::to_string(st.st_mtim.tv_sec) + "." +
         std::to_string(st.st_mtim.tv_nsec) + "\n";
}

void RemoveTree(const std::filesystem::path& path, std::size_t batch) {
  namespace fs = std::filesystem;
  batch = std::max<std::size_t>(batch, 1);
  // Files are named and removed a batch at a time, so that a tree of any size takes the memory of
  // one batch's names. Removing files already listed does not keep the directory listing from
  // giving the rest of them.
  std::vector<std::string> files;
  files.reserve(batch);
  auto remove_listed = [&files] {
    // Each thread mostly waits for the disk, so more of them than there are cores.
    constexpr int kRemovers = 16;
    if (files.size() >= 64) {
      ParallelFor(files.size(), kRemovers, [&](std::size_t i, int) { ::unlink(files[i].c_str()); });
    }
    files.clear();
  };
  std::error_code ec;
  for (fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec),
       end;
       !ec && it != end; it.increment(ec)) {
    if (!it->is_directory(ec) || it->is_symlink(ec)) files.push_back(it->path().string());
    if (files.size() == batch) remove_listed();
  }
  remove_listed();
  fs::remove_all(path, ec);  // the directories, and whatever a batch too small to share left
}

namespace {

// Writes what `produce` makes to the new file `path` (which must not exist), for `destination`;
// on failure nothing remains at `path`. `keeps_0644` is what its directory's first file showed
// of the mode files are created with there (-1: this is the first), so that the mode is set
// only where the umask or an ACL took something from it.
Status WriteStagedFile(const std::string& path, const std::filesystem::path& destination,
                       const ContentProducer& produce, std::atomic<int>& keeps_0644) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    if (errno == EEXIST) {
      return Status::InvalidArgument("this file is written twice in one batch",
                                     Location{destination.string()});
    }
    return Status::IoError(std::string("cannot create file: ") + std::strerror(errno),
                           Location{destination.string()});
  }
  int kept = keeps_0644.load(std::memory_order_relaxed);
  if (kept < 0) {
    struct stat info;
    kept = ::fstat(fd, &info) == 0 && (info.st_mode & 07777) == 0644 ? 1 : 0;
    keeps_0644.store(kept, std::memory_order_relaxed);
  }
  return FillNewFile(fd, path, destination, produce, false, /*set_mode=*/kept == 0);
}

// Makes a new, empty directory beside `directory` (whose parent exists) and returns its path.
Result<std::string> MakeStagingDirectory(const std::filesystem::path& directory) {
  const std::filesystem::path parent = directory.parent_path();
  const std::string base = (parent.empty() ? std::string(".") : parent.string()) + "/." +
                           directory.filename().string() + ".staging-";
  std::random_device random;
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string name = base + std::to_string(random() % 1000000000u);
    if (::mkdir(name.c_str(), 0777) == 0) return name;  // the mode the umask gives any directory
    if (errno != EEXIST) break;
  }
  return Status::IoError(std::string("cannot create a staging directory: ") + std::strerror(errno),
                         Location{directory.string()});
}

}  // namespace

namespace {

// `name` in `directory` (a file's parent path as given, or "." when it had none), written as the
// file's own path would be: "x" rather than "./x", "/x" rather than "//x".
std::string InDirectory(const std::string& directory, const std::string& name) {
  if (directory == ".") return name;
  if (!directory.empty() && directory.back() == '/') return directory + name;
  return directory + "/" + name;
}

}  // namespace

std::string StagedWrites::Destination(const Staged& staged) {
  return InDirectory(staged.directory->path, staged.name);
}

std::string StagedWrites::Temporary(const Staged& staged) {
  return staged.temporary.empty() ? InDirectory(staged.directory->staging, staged.name)
                                  : InDirectory(staged.directory->path, staged.temporary);
}

StagedWrites::~StagedWrites() {
  for (const Staged& staged : staged_) ::unlink(Temporary(staged).c_str());
  for (const auto& [path, directory] : directories_) {
    if (!directory.staging.empty() && !directory.moved) ::rmdir(directory.staging.c_str());
  }
}

Result<StagedWrites::Directory*> StagedWrites::DirectoryFor(const std::string& path) {
  if (auto it = directories_.find(path); it != directories_.end()) return &it->second;
  Directory made;
  const std::filesystem::path directory(path);
  const std::string name = directory.filename().string();
  struct stat info;
  const bool absent = ::lstat(path.c_str(), &info) != 0 && errno == ENOENT;
  if (!absent && ::stat(path.c_str(), &info) == 0) {
    if (!S_ISDIR(info.st_mode)) {
      return Status::InvalidArgument("not a directory; give the path of a directory",
                                     Location{path});
    }
    made.device = info.st_dev;
  } else if (absent && !name.empty() && name != "." && name != "..") {
    // A new directory: its files go into a staging directory, renamed into place at commit.
    L10N_RETURN_IF_ERROR(MakeParent(directory));
    Result<std::string> staging = MakeStagingDirectory(directory);
    if (!staging.ok()) return staging.status();
    if (::stat(staging->c_str(), &info) != 0) {
      const std::string why = std::strerror(errno);
      ::rmdir(staging->c_str());
      return Status::IoError("cannot read directory: " + why, Location{*staging});
    }
    made.device = info.st_dev;
    made.staging = std::move(staging).value();
  } else {
    std::error_code ec;
    std::filesystem::create_directories(directory, ec);
    if (ec || ::stat(path.c_str(), &info) != 0) {
      return Status::IoError(
          "cannot create directory: " + (ec ? ec.message() : std::string(std::strerror(errno))),
          Location{path});
    }
    made.device = info.st_dev;
  }
  Directory& entry = directories_[path];
  entry.path = path;
  entry.device = made.device;
  entry.staging = std::move(made.staging);
  return &entry;
}

Status StagedWrites::Prepare(const std::filesystem::path& directory) {
  // "out/" is the directory "out", as the parent of the files staged in it.
  const std::filesystem::path named =
      directory.has_filename() ? directory : directory.parent_path();
  std::lock_guard<std::mutex> lock(mutex_);
  Result<Directory*> ready = DirectoryFor(named.string());
  return ready.ok() ? Status::Ok() : ready.status();
}

Status StagedWrites::Stage(const std::filesystem::path& path, std::string_view contents) {
  return Stage(path, [&](const ContentWriter& write) { return write(contents); });
}

Status StagedWrites::Stage(const std::filesystem::path& path, const ContentProducer& produce) {
  // A batch writes many files into few directories: each is made and looked at once.
  Directory* directory = nullptr;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    Result<Directory*> found =
        DirectoryFor(path.has_parent_path() ? path.parent_path().string() : ".");
    if (!found.ok()) return found.status();
    directory = *found;
  }
  Staged staged{directory, path.filename().string(), ""};
  if (!directory->staging.empty()) {
    L10N_RETURN_IF_ERROR(WriteStagedFile(directory->staging + "/" + staged.name, path, produce,
                                         directory->keeps_0644));
  } else {
    Result<std::string> written = WriteTemporary(path, produce, false, /*parent_exists=*/true);
    if (!written.ok()) return written.status();
    staged.temporary = written->substr(written->rfind('/') + 1);
  }
  std::lock_guard<std::mutex> lock(mutex_);
  staged_.push_back(std::move(staged));
  return Status::Ok();
}

std::size_t StagedWrites::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return staged_.size();
}

std::vector<std::string> StagedWrites::FlushTargets() const {
  std::vector<std::string> targets;
  if (staged_.empty()) return targets;
  std::set<dev_t> seen;
  for (const auto& [path, directory] : directories_) {
    if (seen.insert(directory.device).second)
      targets.push_back(directory.staging.empty() ? path : directory.staging);
  }
  return targets;
}

void StagedWrites::FlushSoFar() {
  std::vector<std::string> targets;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    targets = FlushTargets();
  }
  // A failure here is Commit's to report: it flushes again.
  for (const std::string& directory : targets) (void)SyncFilesystem(directory);
}

Status StagedWrites::Commit() {
  std::lock_guard<std::mutex> lock(mutex_);
  // Everything is on disk before anything is renamed into place: a crash can leave a destination
  // as it was or with its new contents, never empty or cut short. One flush per filesystem
  // instead of one per file.
  for (const std::string& directory : FlushTargets()) {
    L10N_RETURN_IF_ERROR(SyncFilesystem(directory));
  }
  // A new directory appears whole. One that someone made in the meantime is left as it is, and
  // its files are moved into it one by one below.
  for (auto& [path, directory] : directories_) {
    if (directory.staging.empty() || directory.moved) continue;
    directory.moved = ::rename(directory.staging.c_str(), path.c_str()) == 0;
  }
  while (!staged_.empty()) {
    const Staged& staged = staged_.back();
    if (!staged.directory->moved) {
      const std::string destination = Destination(staged);
      if (::rename(Temporary(staged).c_str(), destination.c_str()) != 0) {
        return Status::IoError(std::string("cannot replace file: ") + std::strerror(errno),
                               Location{destination});
      }
    }
    staged_.pop_back();
  }
  for (auto& [path, directory] : directories_) {
    if (directory.staging.empty() || directory.moved) continue;
    ::rmdir(directory.staging.c_str());  // empty now
  }
  directories_.clear();  // a later batch looks at its directories again
  return Status::Ok();
}

}  // namespace l10n
