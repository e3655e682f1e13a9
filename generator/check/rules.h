// The checkpoints of Taiwan's 網站無障礙規範 that kiosk checks by machine, with their levels
// and WCAG success criteria, and what a check reports: a Finding.
//
// Codes follow the specification (edition 115.11; 110.07 where it differs). kiosk's own
// checks use the same pattern with the prefix KS ("kiosk extension"): KS + level digit +
// guideline + criterion + serial + C, e.g. KS2140300C is contrast, level AA, WCAG 1.4.3.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::check {

enum class Level { kA = 1, kAA = 2, kAAA = 3 };
enum class Edition { k110_07, k115_11 };

std::string_view LevelName(Level level);  // "A", "AA", "AAA"
// "A", "AA", "AAA" in any case; nullopt for anything else.
std::optional<Level> ParseLevel(std::string_view text);
std::string_view EditionName(Edition edition);  // "115.11", "110.07"
std::optional<Edition> ParseEdition(std::string_view text);

struct Rule {
  std::string_view code;  // "HM1110100C"
  Level level;
  std::string_view criterion;  // the WCAG success criterion, "1.1.1"
  std::string_view title_zh;   // what the checkpoint asks for
  std::string_view title_en;
  bool extension = false;  // kiosk's own check (KS…), not a checkpoint of the specification
  // A checkpoint of 110.07 that 115.11 withdrew and today's Freego still reports: made under
  // 115.11 too, unless CheckOptions::withdrawn is off (under 110.07, always).
  bool withdrawn = false;
};

// The checks of an edition (115.11: its machine checks, the withdrawn ones of 110.07 that
// today's Freego still reports, and kiosk's extensions; 110.07: the same under 110.07's
// codes), in code order.
const std::vector<Rule>& RulesOf(Edition edition);
// The rule with this code in an edition, or nullptr.
const Rule* FindRule(std::string_view code, Edition edition = Edition::k115_11);
// The success criterion a code names by its digits: "HM3241000C" -> "2.4.10".
std::string CriterionOfCode(std::string_view code);

// A failed check on one page.
struct Finding {
  std::string code;  // "HM1110100C"
  Level level = Level::kA;
  std::string criterion;  // "1.1.1"
  std::string message_zh;
  std::string message_en;
  int line = 0;  // 1-based in the page, or in `stylesheet` when that is set; 0: the whole page
  int column = 0;
  std::string stylesheet;  // a linked stylesheet the line is in, as the page names it
  std::string snippet;     // the element's start tag, or the CSS rule, shortened
  // The Markdown (or template) line that produced the element; filled in by the caller.
  std::string source_file;
  int source_line = 0;
};

// Whether `level` is at or below `chosen` (A, then AA, then AAA).
bool WithinLevel(Level level, Level chosen);

// Findings above the chosen level are notices; at or below it, failures.
enum class Outcome { kFailure, kNotice };
Outcome Classify(const Finding& finding, Level chosen);

// A page can make one mistake thousands of times (an aria-labelledby naming 100,000 ids that
// do not exist): each rule describes its first findings on a page, and one more finding
// counts the rest, so that checking and reporting a page take time in proportion to its size.
inline constexpr size_t kMaxFindingsPerRule = 100;

// Counts the findings of one page by rule, for kMaxFindingsPerRule.
class FindingLimit {
 public:
  // Whether a finding of `rule` at line:column is made; false once the rule has its share
  // on the page (the finding is then counted).
  bool Admit(const Rule& rule, int line, int column);
  // For each rule past its share, one finding (at the first left out) saying how many were.
  std::vector<Finding> Summaries() const;

 private:
  struct Passed {
    const Rule* rule;
    int line;
    int column;
    size_t left_out;
  };
  std::vector<std::pair<const Rule*, size_t>> counts_;  // few rules find anything on a page
  std::vector<Passed> passed_;
};

// The findings of one page, named by its URL path or file.
struct PageFindings {
  std::string page;
  std::vector<Finding> findings;
};

}  // namespace kiosk::check
