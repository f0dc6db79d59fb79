#include "pipeline/site.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <pugixml.hpp>
#include <set>

#include "pipeline/file_io.h"
#include "pipeline/locale.h"
#include "pipeline/test_support.h"

namespace l10n {
namespace {

namespace fs = std::filesystem;

class SitemapTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int i = 1; i <= 25; ++i) documents_.push_back("guide-" + std::to_string(i));
  }

  pugi::xml_document Load(const std::string& name) {
    pugi::xml_document doc;
    EXPECT_TRUE(doc.load_file((dir_ / name).c_str())) << name;
    return doc;
  }
  // Every <loc> of a <urlset> file, with the number of alternates of each.
  void Collect(const std::string& name, std::set<std::string>& locs, std::size_t& bytes) {
    pugi::xml_document doc = Load(name);
    ASSERT_STREQ(doc.document_element().name(), "urlset");
    for (pugi::xml_node url : doc.document_element().children("url")) {
      EXPECT_TRUE(locs.insert(url.child_value("loc")).second) << url.child_value("loc");
      EXPECT_EQ(std::distance(url.children("xhtml:link").begin(), url.children("xhtml:link").end()),
                4);  // three locales and x-default
    }
    bytes = fs::file_size(dir_ / name);
  }

  testing_support::TempDir temp_;
  const fs::path dir_ = temp_.path();
  std::vector<std::string> documents_;
  const std::vector<std::string> locales_ = {"en", "es", "ar"};
  const std::string base_ = "https://clinic.example/guides/";
};

TEST_F(SitemapTest, ASiteWithinTheLimitsHasOneSitemap) {
  Result<int> files = WriteSitemaps(dir_, base_, "en", documents_, locales_);
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  EXPECT_EQ(*files, 1);
  std::set<std::string> locs;
  std::size_t bytes = 0;
  Collect("sitemap.xml", locs, bytes);
  EXPECT_EQ(locs.size(), 75u);
  EXPECT_TRUE(locs.count(base_ + "ar/guide-7.html"));
  EXPECT_FALSE(fs::exists(dir_ / "sitemap-1.xml"));
}

TEST_F(SitemapTest, ALargerSiteGetsAnIndexOfFilesWithinTheLimits) {
  SitemapLimits limits;
  limits.max_urls = 10;  // three documents (nine pages) a file
  limits.max_bytes = 1u << 20;
  Result<int> files = WriteSitemaps(dir_, base_, "en", documents_, locales_, limits);
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  EXPECT_EQ(*files, 9);  // 25 documents, three a file
  pugi::xml_document index = Load("sitemap.xml");
  ASSERT_STREQ(index.document_element().name(), "sitemapindex");
  std::set<std::string> locs;
  int listed = 0;
  for (pugi::xml_node sitemap : index.document_element().children("sitemap")) {
    const std::string loc = sitemap.child_value("loc");
    ++listed;
    EXPECT_EQ(loc, base_ + "sitemap-" + std::to_string(listed) + ".xml");
    std::set<std::string> in_file;
    std::size_t bytes = 0;
    Collect("sitemap-" + std::to_string(listed) + ".xml", in_file, bytes);
    EXPECT_LE(in_file.size(), limits.max_urls);
    EXPECT_EQ(in_file.size() % 3, 0u);  // a document's pages stay together
    for (const std::string& l : in_file) EXPECT_TRUE(locs.insert(l).second) << l;
  }
  EXPECT_EQ(listed, 9);
  EXPECT_EQ(locs.size(), 75u);

  // The byte limit splits too.
  temp_.Reset();
  limits.max_urls = 50000;
  limits.max_bytes = 4000;
  files = WriteSitemaps(dir_, base_, "en", documents_, locales_, limits);
  ASSERT_TRUE(files.ok());
  EXPECT_GT(*files, 1);
  for (int i = 1; i <= *files; ++i) {
    std::set<std::string> in_file;
    std::size_t bytes = 0;
    Collect("sitemap-" + std::to_string(i) + ".xml", in_file, bytes);
    EXPECT_LE(bytes, limits.max_bytes);
  }
}

// The index of a site larger than one write: every document's section, in order, with a link
// to each published page, text escaped, the page whole around them.
TEST(SiteIndexTest, ALargeIndexIsWrittenWholeASectionAtATime) {
  testing_support::TempDir temp;
  std::vector<std::string> names, titles;
  for (int i = 0; i < 400; ++i) {
    names.push_back("guide-" + std::to_string(i));
    titles.push_back(i % 7 == 0 ? "Before & after <care> " + std::to_string(i)
                                : "Microneedling guide " + std::to_string(i));
  }
  std::vector<IndexEntry> documents;
  for (int i = 0; i < 400; ++i) documents.push_back({names[i], titles[i]});
  const std::vector<std::string> published = {"en", "es", "ar"};
  const fs::path path = temp.path() / "site" / "index.html";
  ASSERT_TRUE(WriteSiteIndex(path, "Clinic & guides", "en", documents, published).ok());

  std::string expected =
      "<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\"><head><meta charset=\"utf-8\"><meta "
      "name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Clinic &amp; "
      "guides</title><link rel=\"stylesheet\" href=\"assets/site.css\"></head><body><main><h1>"
      "Clinic &amp; guides</h1>";
  for (int i = 0; i < 400; ++i) {
    std::string title = titles[i];
    if (i % 7 == 0) title = "Before &amp; after &lt;care&gt; " + std::to_string(i);
    expected +=
        "<section id=\"" + names[i] + "\"><h2>" + title + "</h2><ul class=\"language-list\">";
    for (const std::string& locale : published) {
      expected += "<li><a href=\"" + locale + "/" + names[i] + ".html\" hreflang=\"" + locale +
                  "\" lang=\"" + locale + "\"" + (locale == "ar" ? " dir=\"rtl\"" : "") + ">" +
                  NativeDisplayName(locale) + "</a></li>";
    }
    expected += "</ul></section>";
  }
  expected += "</main></body></html>\n";
  ASSERT_GT(expected.size(), 2u * 64 * 1024);  // more than one write
  Result<std::string> written = ReadFile(path);
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  EXPECT_EQ(*written, expected);
}

}  // namespace
}  // namespace l10n
