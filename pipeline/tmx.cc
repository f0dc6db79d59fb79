#include "pipeline/tmx.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <set>
#include <tuple>

#include "pipeline/file_io.h"
#include "pipeline/hash.h"
#include "pipeline/text.h"
#include "pipeline/version.h"
#include "pipeline/xml.h"

namespace l10n {

void TranslationMemory::Add(const std::vector<TmEntry>& more) {
  auto key = [](const TmEntry& e) { return std::tie(e.source, e.target); };
  std::set<std::pair<std::string, std::string>> seen;
  for (const TmEntry& e : entries) seen.emplace(e.source, e.target);
  for (const TmEntry& e : more) {
    if (e.source.empty() || e.target.empty()) continue;
    if (seen.emplace(e.source, e.target).second) entries.push_back(e);
  }
  std::sort(entries.begin(), entries.end(),
            [&](const TmEntry& a, const TmEntry& b) { return key(a) < key(b); });
}

TmPairHash TmPairHash::Of(std::string_view source, std::string_view target) {
  const CacheKey key = KeyHasher().Add(source).Add(target).Key();
  return {key.a, key.b};
}

std::string TmxHead(std::string_view source_locale) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n";
  out += "  <header creationtool=\"l10n\" creationtoolversion=\"" + std::string(kVersion) +
         "\" segtype=\"sentence\" o-tmf=\"l10n\" adminlang=\"en\" srclang=\"" +
         EscapeXml(source_locale, true) + "\" datatype=\"plaintext\"/>\n  <body>\n";
  return out;
}

void AppendTmxEntry(std::string& out, const TmEntry& e, std::string_view source_locale,
                    std::string_view target_locale) {
  out += "    <tu>\n";
  if (!e.context.empty()) {
    out += "      <prop type=\"x-context\">";
    AppendEscapedXml(out, e.context, false);
    out += "</prop>\n";
  }
  out += "      <tuv xml:lang=\"";
  AppendEscapedXml(out, source_locale, true);
  out += "\"><seg>";
  AppendEscapedXml(out, e.source, false);
  out += "</seg></tuv>\n      <tuv xml:lang=\"";
  AppendEscapedXml(out, target_locale, true);
  out += "\"><seg>";
  AppendEscapedXml(out, e.target, false);
  out += "</seg></tuv>\n    </tu>\n";
}

std::string TmxFoot() { return "  </body>\n</tmx>\n"; }

std::string WriteTmx(const TranslationMemory& memory) {
  std::string out = TmxHead(memory.source_locale);
  for (const TmEntry& e : memory.entries)
    AppendTmxEntry(out, e, memory.source_locale, memory.target_locale);
  out += TmxFoot();
  return out;
}

namespace {

using Locator = std::function<Location(const pugi::xml_node&)>;

// The header's source language, or an error when the root or header is not
// what TMX has.
Status ReadHeader(const XmlDocument& xml, const Locator& locate, TmxInfo& info) {
  pugi::xml_node root = xml.root();
  if (LocalName(root.name()) != "tmx") {
    return Status::Corrupt("root element is <" + std::string(root.name()) + ">, not <tmx>",
                           locate(root));
  }
  pugi::xml_node header = ChildByLocalName(root, "header");
  if (!header) return Status::Corrupt("<tmx> has no <header>", locate(root));
  info.source_locale = header.attribute("srclang").value();
  info.header_where = locate(header);
  if (!ChildByLocalName(root, "body")) return Status::Corrupt("<tmx> has no <body>", locate(root));
  return Status::Ok();
}

// One <tu> as an entry.
Status ReadTu(const pugi::xml_node& tu, const Locator& locate, TmxInfo& info, TmEntry& entry) {
  for (pugi::xml_node child : tu.children()) {
    if (LocalName(child.name()) == "prop" &&
        std::string_view(child.attribute("type").value()) == "x-context") {
      entry.context = child.text().get();
    }
    if (LocalName(child.name()) != "tuv") continue;
    std::optional<std::string> lang = AttributeByLocalName(child, "lang");
    if (!lang) return Status::Corrupt("<tuv> has no xml:lang", locate(child));
    pugi::xml_node seg = ChildByLocalName(child, "seg");
    if (!seg) return Status::Corrupt("<tuv> has no <seg>", locate(child));
    std::string text;
    for (pugi::xml_node n : seg.children()) {
      if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata)
        text += n.value();
      else
        text += n.text().get();
    }
    if (*lang == info.source_locale) {
      entry.source = std::move(text);
    } else {
      if (info.target_locale.empty()) {
        info.target_locale = *lang;
        info.target_where = locate(child);
      } else if (*lang != info.target_locale && info.mixed_where.line == 0) {
        info.mixed_where = locate(child);
      }
      entry.target = std::move(text);
    }
  }
  return Status::Ok();
}

// Every <tu> of the <body> children of `parent`, skipping the first `skip`.
Status ReadTus(const pugi::xml_node& parent, const Locator& locate, TmxInfo& info,
               const TmEntrySink& each, std::size_t& seen, std::size_t skip) {
  for (pugi::xml_node tu : parent.children()) {
    if (LocalName(tu.name()) != "tu") continue;
    TmEntry entry;
    L10N_RETURN_IF_ERROR(ReadTu(tu, locate, info, entry));
    if (seen++ < skip) continue;
    L10N_RETURN_IF_ERROR(each(std::move(entry)));
  }
  return Status::Ok();
}

// The whole text parsed at once: for files the piecewise reader does not
// take (no <tmx><body> at the top, or malformed), where the error must be
// the same as for any other XML file.
Status ReadWhole(std::string_view text, const std::string& file, TmxInfo& info,
                 const TmEntrySink& each, std::size_t skip) {
  Result<XmlDocument> xml = ParseXml(text, file);
  if (!xml.ok()) return xml.status();
  const Locator locate = [&](const pugi::xml_node& node) { return xml->Locate(node); };
  info = TmxInfo{};
  L10N_RETURN_IF_ERROR(ReadHeader(*xml, locate, info));
  std::size_t seen = 0;
  return ReadTus(ChildByLocalName(xml->root(), "body"), locate, info, each, seen, skip);
}

// One past the end of the markup that starts with '<' at text[at], or npos
// when the text ends first. Comments, CDATA sections, processing
// instructions and declarations are taken whole; quoted attribute values may
// hold '>'.
std::size_t MarkupEnd(std::string_view text, std::size_t at) {
  auto through = [&](std::size_t from, std::string_view close) {
    const std::size_t found = text.find(close, from);
    return found == std::string_view::npos ? found : found + close.size();
  };
  if (text.compare(at, 4, "<!--") == 0) return through(at + 4, "-->");
  if (text.compare(at, 9, "<![CDATA[") == 0) return through(at + 9, "]]>");
  if (text.compare(at, 2, "<?") == 0) return through(at + 2, "?>");
  const bool declaration = text.compare(at, 2, "<!") == 0;
  int brackets = 0;
  char quote = 0;
  for (std::size_t i = at + 1; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (declaration && c == '[') {
      ++brackets;
    } else if (declaration && c == ']') {
      --brackets;
    } else if (c == '>' && brackets <= 0) {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// Where a piece of the file starts: its line and column (1-based).
struct Position {
  int line = 1;
  int column = 1;

  void Advance(std::string_view text) {
    const std::size_t newline = text.rfind('\n');
    if (newline == std::string_view::npos) {
      column += static_cast<int>(CountCodePoints(text));
      return;
    }
    line += static_cast<int>(std::count(text.begin(), text.end(), '\n'));
    column = 1 + static_cast<int>(CountCodePoints(text.substr(newline + 1)));
  }
  // A location in the piece, parsed on its own after `wrapper` bytes of
  // added markup on its first line, as a location in the file.
  Location InFile(Location in_piece, std::size_t wrapper) const {
    if (in_piece.line <= 0) return in_piece;
    if (in_piece.line == 1) {
      in_piece.column = std::max(1, column + in_piece.column - 1 - static_cast<int>(wrapper));
    }
    in_piece.line += line - 1;
    return in_piece;
  }
};

// Appends the next bytes of the input to `out`; false at its end.
using Pull = std::function<Result<bool>(std::string& out)>;
// Reads the whole input, skipping the first `skip` entries.
using Whole = std::function<Status(std::size_t skip)>;

// The piecewise reader. The text is scanned for markup only (not parsed) to
// find where <body> starts and where each of its children ends; the part up
// to <body>, each run of children of about options.chunk_bytes and the part
// from </body> are then parsed on their own, so that the DOM never holds more
// than one run.
Status StreamTmx(const Pull& pull, const std::string& file, TmxInfo& info, const TmEntrySink& each,
                 const TmxReadOptions& options, const Whole& whole) {
  constexpr std::string_view kOpenBody = "<body>";       // wraps each run of children
  constexpr std::string_view kOpenRoot = "<tmx><body>";  // and the part from </body>
  std::string buffer;                                    // the input not yet parsed
  Position at;                                           // where buffer[0] is in the file
  bool more = true;
  auto fill = [&]() -> Result<bool> {
    if (!more) return false;
    Result<bool> got = pull(buffer);
    if (!got.ok()) return got.status();
    more = *got;
    return more;
  };
  std::size_t seen = 0;  // entries passed to `each`
  bool in_body = false;
  std::size_t boundary = 0;  // in the body: the end of its last complete child in buffer
  std::size_t body_end = std::string::npos;
  std::size_t scan = 0;
  int depth = 0;
  // Parses buffer[0, end) as a run of the body's children.
  auto flush = [&](std::size_t end) -> Status {
    std::string piece(kOpenBody);
    piece.append(buffer, 0, end);
    piece += "</body>";
    Result<XmlDocument> xml = ParseXml(piece, file);
    if (!xml.ok()) return xml.status().At(at.InFile(xml.status().where(), kOpenBody.size()));
    const Locator locate = [&](const pugi::xml_node& node) {
      return at.InFile(xml->Locate(node), kOpenBody.size());
    };
    L10N_RETURN_IF_ERROR(ReadTus(xml->root(), locate, info, each, seen, 0));
    at.Advance(std::string_view(buffer).substr(0, end));
    buffer.erase(0, end);
    return Status::Ok();
  };
  while (body_end == std::string::npos) {
    const std::size_t open = buffer.find('<', scan);
    const std::size_t end = open == std::string::npos ? open : MarkupEnd(buffer, open);
    if (end == std::string::npos) {
      scan = open == std::string::npos ? buffer.size() : open;
      // A very long head is not a TMX file this reader takes.
      if (!in_body && buffer.size() > 4 * options.chunk_bytes + (1u << 20)) return whole(seen);
      Result<bool> got = fill();
      if (!got.ok()) return got.status();
      if (!*got) return whole(seen);  // ended early: malformed, or not <tmx><body>
      continue;
    }
    scan = end;
    const char kind = buffer[open + 1];
    if (kind == '!' || kind == '?') continue;
    if (kind == '/') {
      --depth;
      if (in_body && depth == 2) boundary = end;
      if (in_body && depth == 1) body_end = open;
    } else {
      const bool empty = buffer[end - 2] == '/';
      if (!empty) ++depth;
      if (in_body && empty && depth == 2) boundary = end;
      if (!in_body && !empty && depth == 2) {
        std::size_t name_end = open + 1;
        while (name_end < end && buffer[name_end] != '>' && buffer[name_end] != '/' &&
               !std::isspace(static_cast<unsigned char>(buffer[name_end]))) {
          ++name_end;
        }
        std::string name = buffer.substr(open + 1, name_end - open - 1);
        if (LocalName(name.c_str()) == "body") {
          // The head, with the body closed, tells the source language.
          Result<XmlDocument> head = ParseXml(buffer.substr(0, end) + "</body></tmx>", file);
          if (!head.ok()) return whole(seen);
          info = TmxInfo{};
          L10N_RETURN_IF_ERROR(ReadHeader(
              *head, [&](const pugi::xml_node& node) { return head->Locate(node); }, info));
          at.Advance(std::string_view(buffer).substr(0, end));
          buffer.erase(0, end);
          scan = 0;
          in_body = true;
          boundary = 0;
          continue;
        }
      }
    }
    if (in_body && boundary >= options.chunk_bytes) {
      L10N_RETURN_IF_ERROR(flush(boundary));
      scan -= boundary;
      boundary = 0;
    }
  }
  L10N_RETURN_IF_ERROR(flush(body_end));
  // The rest: </body>, </tmx> and whatever may follow them.
  while (true) {
    if (buffer.size() > 4 * options.chunk_bytes + (1u << 20)) {
      return Status::Corrupt("unexpected content after </body>; the file ends with </tmx>",
                             at.InFile(Location{file, 1, 1}, 0));
    }
    Result<bool> got = fill();
    if (!got.ok()) return got.status();
    if (!*got) break;
  }
  std::string tail(kOpenRoot);
  tail += buffer;
  Result<XmlDocument> xml = ParseXml(tail, file);
  if (!xml.ok()) return xml.status().At(at.InFile(xml.status().where(), kOpenRoot.size()));
  return Status::Ok();
}

}  // namespace

Status ReadTmxEntries(std::string_view bytes, const std::string& file, TmxInfo& info,
                      const TmEntrySink& each, const TmxReadOptions& options) {
  Result<std::string> text = DecodeXmlText(bytes, file);
  if (!text.ok()) return text.status();
  std::size_t offset = 0;
  const Pull pull = [&](std::string& out) -> Result<bool> {
    if (offset >= text->size()) return false;
    const std::size_t n =
        std::min(std::max<std::size_t>(options.chunk_bytes, 1), text->size() - offset);
    out.append(*text, offset, n);
    offset += n;
    return true;
  };
  return StreamTmx(pull, file, info, each, options,
                   [&](std::size_t skip) { return ReadWhole(*text, file, info, each, skip); });
}

Status ReadTmxFile(const std::filesystem::path& path, const std::string& shown, TmxInfo& info,
                   const TmEntrySink& each, const TmxReadOptions& options) {
  auto read_whole = [&]() -> Result<std::string> {
    Result<std::string> bytes = ReadFile(path, kMaxMemoryFileBytes);
    if (!bytes.ok())
      return bytes.status().code() == Status::Code::kNotFound ? bytes.status()
                                                              : bytes.status().At(Location{shown});
    return bytes;
  };
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat stat_info;
  if (fd < 0 || ::fstat(fd, &stat_info) != 0 || !S_ISREG(stat_info.st_mode)) {
    if (fd >= 0) ::close(fd);
    // ReadFile says what is wrong, the same way as for every other file.
    Result<std::string> bytes = read_whole();
    if (!bytes.ok()) return bytes.status();
    return ReadTmxEntries(*bytes, shown, info, each, options);
  }
  const std::size_t block = std::max<std::size_t>(options.chunk_bytes, 4096);
  std::string error;
  const Pull pull = [&](std::string& out) -> Result<bool> {
    const std::size_t old = out.size();
    out.resize(old + block);
    ssize_t n;
    do {
      n = ::read(fd, out.data() + old, block);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
      out.resize(old);
      return Status::IoError(std::string("cannot read: ") + std::strerror(errno), Location{shown});
    }
    out.resize(old + static_cast<std::size_t>(n));
    return n > 0;
  };
  // The first bytes tell the encoding: UTF-16 is decoded whole.
  std::string first;
  Status status = Status::Ok();
  while (first.size() < 4) {
    Result<bool> got = pull(first);
    if (!got.ok()) {
      status = got.status();
      break;
    }
    if (!*got) break;
  }
  const auto byte = [&](std::size_t i) {
    return i < first.size() ? static_cast<unsigned char>(first[i]) : 0x100u;
  };
  const bool utf16 = (byte(0) == 0xFF && byte(1) == 0xFE) || (byte(0) == 0xFE && byte(1) == 0xFF) ||
                     byte(0) == 0 || byte(1) == 0;
  if (status.ok() && !utf16) {
    if (byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF) first.erase(0, 3);
    bool handed = false;
    const Pull from_file = [&](std::string& out) -> Result<bool> {
      if (!handed) {
        handed = true;
        out += first;
        return true;
      }
      return pull(out);
    };
    status = StreamTmx(from_file, shown, info, each, options, [&](std::size_t skip) -> Status {
      Result<std::string> bytes = read_whole();
      if (!bytes.ok()) return bytes.status();
      Result<std::string> text = DecodeXmlText(*bytes, shown);
      if (!text.ok()) return text.status();
      return ReadWhole(*text, shown, info, each, skip);
    });
    ::close(fd);
    return status;
  }
  ::close(fd);
  if (!status.ok()) return status;
  Result<std::string> bytes = read_whole();
  if (!bytes.ok()) return bytes.status();
  return ReadTmxEntries(*bytes, shown, info, each, options);
}

Result<TranslationMemory> ReadTmx(std::string_view bytes, const std::string& file) {
  TranslationMemory memory;
  std::vector<TmEntry> entries;
  L10N_RETURN_IF_ERROR(ReadTmxEntries(bytes, file, memory, [&](TmEntry&& entry) {
    entries.push_back(std::move(entry));
    return Status::Ok();
  }));
  memory.Add(entries);
  return memory;
}

}  // namespace l10n
