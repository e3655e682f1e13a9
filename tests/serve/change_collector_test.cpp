// Events into changes to build: editors' saves by rename, bursts, what a build does not read.
#include "serve/change_collector.h"

#include <gtest/gtest.h>

#include <map>
#include <vector>

namespace kiosk::serve {
namespace {

using Kind = FileEvent::Kind;
using std::chrono::milliseconds;

// Events at set times, on a clock of its own that Wait moves on; stopped once all are told
// and the collector waits for the next change.
class ScriptedEvents : public FileEvents {
 public:
  void At(int ms, Kind kind, const std::string& path) { script_[ms].push_back({kind, path}); }

  std::vector<FileEvent> Wait(milliseconds timeout) override {
    if (script_.empty() && timeout >= std::chrono::hours(1)) {
      stopped_ = true;
      return {};
    }
    const auto next = script_.begin();
    if (script_.empty() || next->first > now_ + timeout.count()) {
      now_ += timeout.count();
      return {};
    }
    now_ = next->first;
    std::vector<FileEvent> events = std::move(next->second);
    script_.erase(next);
    return events;
  }
  Clock::time_point Now() const override { return Clock::time_point(milliseconds(now_)); }
  void Stop() override { stopped_ = true; }
  bool stopped() const override { return stopped_; }
  long long now() const { return now_; }

 private:
  std::map<long long, std::vector<FileEvent>> script_;
  long long now_ = 0;
  bool stopped_ = false;
};

std::vector<Changes> AllChanges(ScriptedEvents& events) {
  ChangeCollector collector(events);
  std::vector<Changes> all;
  while (std::optional<Changes> changes = collector.Next()) all.push_back(*changes);
  return all;
}

TEST(ChangeCollectorTest, ASaveByRenameIsAChangeOfThePage) {
  ScriptedEvents events;  // gedit, and LibreOffice's lock file
  events.At(0, Kind::kCreated, "content/faq/.~lock.id-card.zh-TW.md#");
  events.At(1, Kind::kCreated, "content/faq/.goutputstream-5XQ1Z2");
  events.At(2, Kind::kWritten, "content/faq/.goutputstream-5XQ1Z2");
  events.At(3, Kind::kMovedAway, "content/faq/.goutputstream-5XQ1Z2");
  events.At(3, Kind::kMovedHere, "content/faq/id-card.zh-TW.md");
  const std::vector<Changes> all = AllChanges(events);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].paths, std::set<std::string>{"content/faq/id-card.zh-TW.md"});
  EXPECT_FALSE(all[0].anything);
}

TEST(ChangeCollectorTest, AnEditorsWholeSaveIsOneChange) {
  ScriptedEvents events;  // vim: the file moved to a backup, written anew, the backup removed
  events.At(0, Kind::kCreated, "content/faq/4913");
  events.At(0, Kind::kRemoved, "content/faq/4913");
  events.At(1, Kind::kMovedAway, "content/faq/id-card.zh-TW.md");
  events.At(1, Kind::kMovedHere, "content/faq/id-card.zh-TW.md~");
  events.At(2, Kind::kCreated, "content/faq/id-card.zh-TW.md");
  events.At(4, Kind::kWritten, "content/faq/id-card.zh-TW.md");
  events.At(5, Kind::kRemoved, "content/faq/id-card.zh-TW.md~");
  const std::vector<Changes> all = AllChanges(events);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_TRUE(all[0].paths.count("content/faq/id-card.zh-TW.md"));
}

TEST(ChangeCollectorTest, ABurstEndsWhenQuiet) {
  ScriptedEvents events;  // a checkout: files a few milliseconds apart, then a later save
  events.At(0, Kind::kWritten, "content/faq/a.zh-TW.md");
  events.At(15, Kind::kWritten, "content/faq/b.zh-TW.md");
  events.At(30, Kind::kWritten, "static/forms/c.pdf");
  events.At(44, Kind::kWritten, "site.yaml");
  events.At(100, Kind::kWritten, "themes/default/templates/page.mustache");
  ChangeCollector collector(events);
  const std::optional<Changes> first = collector.Next();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->paths.size(), 4u);
  EXPECT_GE(events.now(), 64) << "quiet for 20 ms after the last";
  EXPECT_LT(events.now(), 100);
  const std::optional<Changes> second = collector.Next();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->paths, std::set<std::string>{"themes/default/templates/page.mustache"});
  EXPECT_FALSE(collector.Next());
}

TEST(ChangeCollectorTest, AStreamOfEventsIsBuiltAtLeastEverySecond) {
  ScriptedEvents events;
  for (int ms = 0; ms <= 2500; ms += 10) events.At(ms, Kind::kWritten, "content/log.zh-TW.md");
  ChangeCollector collector(events);
  ASSERT_TRUE(collector.Next());
  EXPECT_LE(events.now(), 1010);
  EXPECT_GE(events.now(), 1000);
}

TEST(ChangeCollectorTest, WhatABuildDoesNotReadChangesNothing) {
  ScriptedEvents events;
  events.At(0, Kind::kWritten, ".git/index");
  events.At(1, Kind::kWritten, "output/index.html");
  events.At(2, Kind::kWritten, ".kiosk/preview/index.html");
  events.At(3, Kind::kCreated, "content/faq/.id-card.zh-TW.md.swp");
  events.At(4, Kind::kWritten, "content/.hidden/a.md");
  events.At(5, Kind::kWritten, "notes.txt");
  EXPECT_TRUE(AllChanges(events).empty());
}

TEST(ChangeCollectorTest, LostEventsMeanAnythingChanged) {
  ScriptedEvents events;
  events.At(0, Kind::kOverflow, "");
  const std::vector<Changes> all = AllChanges(events);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_TRUE(all[0].anything);
}

TEST(ChangeCollectorTest, WhatABuildReads) {
  EXPECT_TRUE(BuildReads("site.yaml"));
  EXPECT_TRUE(BuildReads("content/faq/id-card.zh-TW.md"));
  EXPECT_TRUE(BuildReads("content/news/志工招募.zh-TW.md"));
  EXPECT_TRUE(BuildReads("static/forms/transcript.odt"));
  EXPECT_TRUE(BuildReads("themes/default/i18n/en.yaml"));
  EXPECT_TRUE(BuildReads("content"));  // the folder itself, moved or removed
  EXPECT_FALSE(BuildReads("site.yaml.swp"));
  EXPECT_FALSE(BuildReads("contents/a.md"));
  EXPECT_FALSE(BuildReads("content/.#id-card.zh-TW.md"));
  EXPECT_FALSE(BuildReads(".kiosk/build-log-0123"));
}

}  // namespace
}  // namespace kiosk::serve
