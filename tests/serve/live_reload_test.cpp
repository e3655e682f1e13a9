#include "serve/live_reload.h"

#include <gtest/gtest.h>

#include <thread>

namespace kiosk::serve {
namespace {

SiteStatus Failed() {
  SiteStatus status;
  status.generation = 7;
  status.errors.push_back({Severity::kError,
                           {"content/faq/id-card.zh-TW.md", 3, 8},
                           "invalid YAML: found \"<b>\"",
                           "quote the value"});
  status.errors.push_back({Severity::kError, {"site.yaml", 0, 0}, "there is no site.yaml", ""});
  return status;
}

TEST(LiveReloadTest, TheScriptGoesBeforeTheEndOfTheBody) {
  const std::string page = WithLiveReload("<html><body><p>x</p></body></html>\n", 12);
  EXPECT_EQ(page,
            "<html><body><p>x</p><script src=\"/.kiosk/live-reload.js\" "
            "data-generation=\"12\"></script>\n</body></html>\n");
  EXPECT_EQ(WithLiveReload("<p>x</p>", 1),
            "<p>x</p><script src=\"/.kiosk/live-reload.js\" data-generation=\"1\"></script>\n");
}

TEST(LiveReloadTest, TheStatusNamesEachErrorsPlaceAndFix) {
  EXPECT_EQ(StatusJson(Failed()),
            "{\"generation\":7,\"errors\":[{\"where\":\"content/faq/id-card.zh-TW.md:3:8\","
            "\"message\":\"invalid YAML: found \\\"\\u003cb\\u003e\\\"\",\"hint\":\"quote the "
            "value\"},{\"where\":\"site.yaml\",\"message\":\"there is no site.yaml\",\"hint\":"
            "\"\"}]}");
  EXPECT_EQ(StatusEvent(SiteStatus()), "event: status\ndata: {\"generation\":0,\"errors\":[]}\n\n");
}

TEST(LiveReloadTest, TheProblemsPageIsAnAlertWithTheErrors) {
  const std::string page = ProblemsPage(Failed());
  EXPECT_NE(page.find("role=\"alert\""), std::string::npos);
  EXPECT_NE(page.find("<code>content/faq/id-card.zh-TW.md:3:8</code>: invalid YAML: found "
                      "&quot;&lt;b&gt;&quot; — quote the value"),
            std::string::npos);
  EXPECT_NE(page.find("data-generation=\"7\""), std::string::npos);
}

TEST(LiveReloadTest, WaitersSeeTheNextStatusOrTheClose) {
  StatusChannel channel;
  SiteStatus first;
  first.generation = 1;
  channel.Publish(first);
  EXPECT_EQ(channel.WaitForChange(0, std::chrono::milliseconds(0))->generation, 1u);
  EXPECT_FALSE(channel.WaitForChange(1, std::chrono::milliseconds(10)));
  std::thread publisher([&] { channel.Publish(Failed()); });
  const std::optional<SiteStatus> next = channel.WaitForChange(1, std::chrono::seconds(10));
  publisher.join();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->errors.size(), 2u);
  std::thread closer([&] { channel.Close(); });
  EXPECT_FALSE(channel.WaitForChange(7, std::chrono::seconds(10)));
  closer.join();
  EXPECT_TRUE(channel.closed());
}

}  // namespace
}  // namespace kiosk::serve
