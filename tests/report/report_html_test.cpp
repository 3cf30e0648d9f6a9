// The report page: one self-contained file with the document safely inside.
#include <gtest/gtest.h>

#include <regex>

#include "tumen/output/report_html.hpp"

using namespace tumen;

TEST(report_html, the_template_holds_the_chart_library_and_both_markers) {
  const auto t = output::report_page_template();
  EXPECT_NE(t.find("__TUMEN_REPORT_DATA__"), std::string_view::npos);
  EXPECT_NE(t.find("__TUMEN_REPORT_TITLE__"), std::string_view::npos);
  EXPECT_NE(t.find("uPlot"), std::string_view::npos) << "uPlot is inlined";
  EXPECT_NE(t.find("window.__report"), std::string_view::npos) << "the page's script is inlined";
}

TEST(report_html, the_page_refers_to_nothing_outside_itself) {
  const std::string page = output::report_html({{"run", {{"scenario", "x"}}}});
  // no external scripts, styles, images or fonts
  EXPECT_FALSE(std::regex_search(page, std::regex(R"(<script[^>]*\ssrc=)", std::regex::icase)));
  EXPECT_FALSE(std::regex_search(page, std::regex(R"(<link[^>]*stylesheet)", std::regex::icase)));
  EXPECT_FALSE(
      std::regex_search(page, std::regex(R"(<img[^>]*\ssrc=["']?https?:)", std::regex::icase)));
  EXPECT_FALSE(
      std::regex_search(page, std::regex(R"(@import|url\(\s*["']?https?:)", std::regex::icase)));
  EXPECT_NE(page.find("default-src 'none'"), std::string::npos)
      << "the content policy forbids fetching";
}

TEST(report_html, document_text_cannot_close_the_script_block) {
  nlohmann::json doc = {{"run", {{"scenario", "</script><script>alert(1)</script>"}}},
                        {"note", "__TUMEN_REPORT_DATA__ and __TUMEN_REPORT_TITLE__"}};
  const std::string page = output::report_html(doc);
  EXPECT_EQ(page.find("</script><script>alert"), std::string::npos);
  EXPECT_NE(page.find("\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"), std::string::npos);
  EXPECT_NE(
      page.find(
          "<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; — tumen report</title>"),
      std::string::npos);
  // the document is there exactly once, and parses back
  const auto open = page.find("<script id=\"report-data\" type=\"application/json\">");
  ASSERT_NE(open, std::string::npos);
  const auto start = page.find('>', open) + 1;
  const auto end = page.find("</script>", start);
  const auto back = nlohmann::json::parse(page.substr(start, end - start));
  EXPECT_EQ(back, doc);
}
