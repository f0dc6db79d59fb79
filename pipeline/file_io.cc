#include "pipeline/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

namespace l10n {

Result<std::string> ReadFile(const std::filesystem::path& path, std::size_t max_bytes) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    if (std::filesystem::exists(path, ec)) {
      return Status::InvalidArgument("not a regular file; give the path of a file",
                                     Location{path.string()});
    }
    return Status::NotFound("no such file; check the path", Location{path.string()});
  }
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return Status::IoError("cannot read: " + ec.message(), Location{path.string()});
  if (size > max_bytes) {
    return Status::InvalidArgument("file is " + std::to_string(size) +
                                       " bytes, over the limit of " + std::to_string(max_bytes) +
                                       " bytes for one input file; split the document",
                                   Location{path.string()});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot open for reading", Location{path.string()});
  std::string data(static_cast<std::size_t>(size), '\0');
  in.read(data.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::size_t>(in.gcount()) != size) {
    return Status::IoError("short read", Location{path.string()});
  }
  return data;
}

Status WriteFileAtomic(const std::filesystem::path& path, const std::string& contents) {
  std::error_code ec;
  const std::filesystem::path parent = path.parent_path();
  if (!parent.empty()) {
    std::filesystem::create_directories(parent, ec);
    if (ec) {
      return Status::IoError("cannot create directory: " + ec.message(), Location{parent.string()});
    }
  }
  std::string tmp_template = (parent.empty() ? std::string(".") : parent.string()) + "/." +
                             path.filename().string() + ".tmp-XXXXXX";
  int fd = mkstemp(tmp_template.data());
  if (fd < 0) {
    return Status::IoError(std::string("cannot create temporary file: ") + std::strerror(errno),
                           Location{path.string()});
  }
  const char* data = contents.data();
  std::size_t left = contents.size();
  while (left > 0) {
    ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string why = std::strerror(errno);
      ::close(fd);
      ::unlink(tmp_template.c_str());
      return Status::IoError("cannot write: " + why, Location{path.string()});
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  ::fchmod(fd, 0644);
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(tmp_template.c_str());
    return Status::IoError("cannot flush: " + why, Location{path.string()});
  }
  if (::rename(tmp_template.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(tmp_template.c_str());
    return Status::IoError("cannot replace file: " + why, Location{path.string()});
  }
  return Status::Ok();
}

}  // namespace l10n
