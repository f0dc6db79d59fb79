#include "pipeline/tmx.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "pipeline/test_support.h"

namespace l10n {
namespace {

namespace fs = std::filesystem;

// A memory of `n` entries, some with markup-like text, contexts and
// characters that need escaping.
TranslationMemory Sample(int n) {
  TranslationMemory memory;
  memory.source_locale = "en";
  memory.target_locale = "es";
  for (int i = 0; i < n; ++i) {
    TmEntry e;
    e.source = "Apply {1}serum{/1} number " + std::to_string(i) + " < 2 & \"ok\" </tu>";
    e.target = "Aplique el {1}sérum{/1} número " + std::to_string(i);
    if (i % 3 == 0) e.context = "guide#p-" + std::to_string(i);
    memory.entries.push_back(e);
  }
  memory.Add({});  // sorted, as files are written
  return memory;
}

std::vector<TmEntry> Collect(std::string_view bytes, std::size_t chunk_bytes, TmxInfo& info,
                             Status& status) {
  std::vector<TmEntry> out;
  TmxReadOptions options;
  options.chunk_bytes = chunk_bytes;
  status = ReadTmxEntries(
      bytes, "memory.tmx", info,
      [&](TmEntry&& entry) {
        out.push_back(std::move(entry));
        return Status::Ok();
      },
      options);
  return out;
}

bool Same(const std::vector<TmEntry>& a, const std::vector<TmEntry>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].source != b[i].source || a[i].target != b[i].target || a[i].context != b[i].context)
      return false;
  }
  return true;
}

TEST(TmxTest, WrittenMemoryReadsBackTheSame) {
  const TranslationMemory memory = Sample(50);
  Result<TranslationMemory> read = ReadTmx(WriteTmx(memory), "memory.tmx");
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->source_locale, "en");
  EXPECT_EQ(read->target_locale, "es");
  EXPECT_TRUE(Same(read->entries, memory.entries));
  // The pieces make the same file.
  std::string pieces = TmxHead("en");
  for (const TmEntry& e : memory.entries) AppendTmxEntry(pieces, e, "en", "es");
  pieces += TmxFoot();
  EXPECT_EQ(pieces, WriteTmx(memory));
}

TEST(TmxTest, ReadingInPiecesGivesWhatReadingWholeGives) {
  // Comments, CDATA and quoted attributes holding what looks like markup,
  // a <tu/> and a prop, in a file read 64 bytes at a time.
  const std::string tmx =
      "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!-- a memory </tu> -->\n"
      "<tmx version=\"1.4\">\n"
      "  <header srclang=\"en\" note=\"a > b\"><prop type=\"x\">h</prop></header>\n"
      "  <body>\n"
      "    <tu tuid=\"1>\"><prop type=\"x-context\">doc#a</prop>\n"
      "      <tuv xml:lang=\"en\"><seg>One <![CDATA[</tu></body>]]> two</seg></tuv>\n"
      "      <tuv xml:lang=\"es\"><seg>Uno dos</seg></tuv>\n"
      "    </tu>\n"
      "    <!-- </body> -->\n"
      "    <tu/>\n"
      "    <tu><tuv xml:lang=\"en\"><seg>Three</seg></tuv><tuv xml:lang=\"es\"><seg>Tres</seg>"
      "</tuv></tu>\n"
      "  </body>\n"
      "</tmx>\n"
      "<!-- end -->\n";
  TmxInfo whole_info, piece_info;
  Status whole_status, piece_status;
  const std::vector<TmEntry> whole = Collect(tmx, 1u << 30, whole_info, whole_status);
  const std::vector<TmEntry> pieces = Collect(tmx, 64, piece_info, piece_status);
  ASSERT_TRUE(whole_status.ok()) << whole_status.ToString();
  ASSERT_TRUE(piece_status.ok()) << piece_status.ToString();
  ASSERT_EQ(whole.size(), 3u);
  EXPECT_EQ(whole[0].source, "One </tu></body> two");
  EXPECT_EQ(whole[0].context, "doc#a");
  EXPECT_EQ(whole[2].target, "Tres");
  EXPECT_TRUE(Same(whole, pieces));
  EXPECT_EQ(piece_info.source_locale, "en");
  EXPECT_EQ(piece_info.target_locale, "es");
  EXPECT_EQ(piece_info.header_where.line, 4);
  EXPECT_EQ(piece_info.target_where.line, whole_info.target_where.line);
  EXPECT_EQ(piece_info.target_where.column, whole_info.target_where.column);
}

TEST(TmxTest, ErrorsInALatePieceSayWhereInTheFile) {
  std::string tmx = WriteTmx(Sample(300));
  // Line of the 250th <tuv xml:lang="es">: drop its language.
  std::size_t at = 0;
  for (int i = 0; i < 250; ++i) at = tmx.find("<tuv xml:lang=\"es\">", at + 1);
  const int line = 1 + static_cast<int>(std::count(tmx.begin(), tmx.begin() + at, '\n'));
  std::string no_lang = tmx;
  no_lang.replace(at, 19, "<tuv><seg>x</seg></tuv><tuv>");
  for (std::size_t chunk : {std::size_t{200}, std::size_t{1} << 30}) {
    TmxInfo info;
    Status status;
    Collect(no_lang, chunk, info, status);
    EXPECT_FALSE(status.ok());
    EXPECT_NE(status.message().find("xml:lang"), std::string::npos) << status.ToString();
    EXPECT_EQ(status.where().line, line) << chunk;
    EXPECT_EQ(status.where().column, 8) << chunk;  // the element's name, as for any XML
  }
  // A misspelled end tag: the parser's message, at its line.
  std::string bad_end = tmx;
  const std::size_t seg_end = bad_end.find("</seg>", at);
  bad_end.replace(seg_end, 6, "</sge>");
  TmxInfo whole_info, piece_info;
  Status whole_status, piece_status;
  Collect(bad_end, 1u << 30, whole_info, whole_status);
  Collect(bad_end, 200, piece_info, piece_status);
  ASSERT_FALSE(piece_status.ok());
  EXPECT_EQ(piece_status.message(), whole_status.message());
  EXPECT_EQ(piece_status.where().line, whole_status.where().line);
  EXPECT_EQ(piece_status.where().line, line);
}

TEST(TmxTest, ATruncatedFileIsAnErrorAndNoEntryIsPassedTwice) {
  const std::string tmx = WriteTmx(Sample(100));
  const std::string truncated = tmx.substr(0, tmx.size() * 2 / 3);
  TmxInfo info;
  Status status;
  const std::vector<TmEntry> got = Collect(truncated, 256, info, status);
  EXPECT_FALSE(status.ok());
  EXPECT_LE(got.size(), 100u);
  for (std::size_t i = 1; i < got.size(); ++i) EXPECT_NE(got[i].source, got[i - 1].source);
}

TEST(TmxTest, WhatIsNotTmxGetsTheSameErrorAsAnyXml) {
  TmxInfo info;
  Status status;
  Collect("<xliff version=\"1.2\">\n<file><body></body></file></xliff>", 16, info, status);
  EXPECT_NE(status.message().find("root element is <xliff>"), std::string::npos)
      << status.ToString();
  Collect("<tmx>\n<body>\n</body>\n</tmx>", 16, info, status);
  EXPECT_NE(status.message().find("no <header>"), std::string::npos) << status.ToString();
  Collect("<tmx><header srclang=\"en\"/><body><tu/></body>\n", 4, info, status);
  EXPECT_FALSE(status.ok());  // no </tmx>
}

TEST(TmxTest, FilesAreReadInPiecesInAnyEncoding) {
  testing_support::TempDir temp;
  const fs::path& dir = temp.path();
  const TranslationMemory memory = Sample(120);
  const std::string utf8 = WriteTmx(memory);
  {
    std::ofstream(dir / "utf8.tmx", std::ios::binary) << utf8;
    // UTF-16LE with a byte order mark (ASCII-only text suffices here).
    std::string utf16 = "\xFF\xFE";
    const std::string ascii = WriteTmx(Sample(0));
    for (char c : ascii) {
      utf16 += c;
      utf16 += '\0';
    }
    std::ofstream(dir / "utf16.tmx", std::ios::binary) << utf16;
  }
  TmxReadOptions small;
  small.chunk_bytes = 300;
  std::vector<TmEntry> got;
  TmxInfo info;
  const TmEntrySink keep = [&](TmEntry&& e) {
    got.push_back(std::move(e));
    return Status::Ok();
  };
  ASSERT_TRUE(ReadTmxFile(dir / "utf8.tmx", "utf8.tmx", info, keep, small).ok());
  EXPECT_TRUE(Same(got, memory.entries));
  got.clear();
  Status utf16 = ReadTmxFile(dir / "utf16.tmx", "utf16.tmx", info, keep, small);
  EXPECT_TRUE(utf16.ok()) << utf16.ToString();
  EXPECT_EQ(info.source_locale, "en");
  Status missing = ReadTmxFile(dir / "none.tmx", "none.tmx", info, keep, small);
  EXPECT_EQ(missing.code(), Status::Code::kNotFound);
  // What `each` refuses stops the reading.
  int calls = 0;
  Status stopped = ReadTmxFile(
      dir / "utf8.tmx", "utf8.tmx", info,
      [&](TmEntry&&) {
        ++calls;
        return Status::InvalidArgument("enough");
      },
      small);
  EXPECT_EQ(stopped.message(), "enough");
  EXPECT_EQ(calls, 1);
}

TEST(TmxTest, PairHashesTellPairsApart) {
  EXPECT_EQ(TmPairHash::Of("a", "b"), TmPairHash::Of("a", "b"));
  EXPECT_FALSE(TmPairHash::Of("ab", "") == TmPairHash::Of("a", "b"));
  EXPECT_FALSE(TmPairHash::Of("a", "b") == TmPairHash::Of("b", "a"));
}

}  // namespace
}  // namespace l10n
