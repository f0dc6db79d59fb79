#include "pipeline/config.h"

#include <gtest/gtest.h>

namespace l10n {
namespace {

const std::string kGood =
    "[project]\nname = \"x\"\nsource_locale = \"en\"\ntarget_locales = [\"es\", \"pt-BR\", "
    "\"qps-ploc\"]\n"
    "base_url = \"https://example.org/g\"\n[paths]\ntemplate = \"t.xhtml\"\n"
    "[[documents]]\nname = \"guide\"\nsource = \"guide.xhtml\"\n";

TEST(Config, ReadsAGoodFile) {
  Result<ProjectConfig> c = ParseConfig(kGood, "dir/l10n.toml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->target_locales, (std::vector<std::string>{"es", "pt-BR", "qps-ploc"}));
  EXPECT_EQ(c->base_url, "https://example.org/g/");
  EXPECT_EQ(c->root, "dir");
  EXPECT_EQ(c->min_completion, 80);
}

struct Bad {
  const char* name;
  std::string text;
  int line;
  const char* message_part;
};

class ConfigErrors : public ::testing::TestWithParam<Bad> {};

TEST_P(ConfigErrors, SayWhereAndWhat) {
  Result<ProjectConfig> c = ParseConfig(GetParam().text, "l10n.toml");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().where().line, GetParam().line) << c.status().ToString();
  EXPECT_NE(c.status().message().find(GetParam().message_part), std::string::npos)
      << c.status().ToString();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ConfigErrors,
    ::testing::Values(
        Bad{"unknown_key", kGood + "[publish]\nmin_completon = 50\n", 12,
            "did you mean \"publish.min_completion\""},
        Bad{"bad_locale", "[project]\ntarget_locales = [\"es\", \"xx-!!\"]\n", 2,
            "not a well-formed"},
        Bad{"unknown_language", "[project]\ntarget_locales = [\"zz\"]\n", 2, "not an ISO 639"},
        Bad{"escape",
            "[project]\nbase_url = \"https://e.org\"\n[paths]\ntemplate = \"../../etc/passwd\"\n",
            4, "leaves the project"},
        Bad{"absolute", "[project]\nbase_url = \"https://e.org\"\n[paths]\nassets = \"/etc\"\n", 4,
            "absolute"},
        Bad{"bad_toml", "[project\n", 1, ""},
        Bad{"range", kGood + "[publish]\nmin_completion = 150\n", 12, "percentage"},
        Bad{"output_is_locales",
            "[project]\nbase_url = \"https://e.org\"\n[paths]\ntemplate = \"t.xhtml\"\noutput = "
            "\"locales\"\n"
            "[[documents]]\nname = \"g\"\nsource = \"g.xhtml\"\n",
            5, "overlaps the locales"},
        Bad{"output_is_root",
            "[project]\nbase_url = \"https://e.org\"\n[paths]\ntemplate = \"t.xhtml\"\noutput = "
            "\".\"\n"
            "[[documents]]\nname = \"g\"\nsource = \"g.xhtml\"\n",
            5, "overlaps"},
        Bad{"long_private_use_tag",
            "[project]\ntarget_locales = [\"x-" + std::string(155, 'a') + "\"]\n", 2, "characters"},
        Bad{"duplicate_locale", "[project]\ntarget_locales = [\"es\", \"es\"]\n", 2, "twice"}),
    [](const ::testing::TestParamInfo<Bad>& info) { return info.param.name; });

}  // namespace
}  // namespace l10n
