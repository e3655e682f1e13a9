#include "cli/command_line.h"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "base/text.h"

namespace kiosk::cli {
namespace {

constexpr size_t kHelpWidth = 92;
// Where an option's description starts, and the longest name that leaves it on its line.
constexpr size_t kDescriptionColumn = 27;

// "kiosk build", from the command's place under `kiosk`.
std::string CommandName(const CLI::App& command) {
  const CLI::App* parent = command.get_parent();
  return parent ? CommandName(*parent) + " " + command.get_name() : command.get_name();
}

// Columns on a terminal: Chinese characters take two.
size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  for (size_t i = 0; i < text.size();) width += IsWideCjk(DecodeUtf8(text, i)) ? 2 : 1;
  return width;
}

// `text` wrapped at spaces to the help's width, its first line after `lead` (padded to
// `indent`), the others indented by `indent`.
std::string Wrapped(std::string lead, std::string_view text, size_t indent) {
  std::string out = std::move(lead);
  size_t column = DisplayWidth(out);
  if (column + 1 >= indent && !text.empty()) {
    out += '\n';
    column = 0;
  }
  out.append(indent - column, ' ');
  column = indent;
  bool line_start = true;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    if (!line_start && column + 1 + DisplayWidth(word) > kHelpWidth) {
      out += '\n' + std::string(indent, ' ');
      column = indent;
      line_start = true;
    }
    if (!line_start) {
      out += ' ';
      ++column;
    }
    out += word;
    column += DisplayWidth(word);
    line_start = false;
    start = end + 1;
  }
  return out + '\n';
}

// The first line of a command's description is its summary in `kiosk --help`; the text
// after the blank line that follows it explains the command in its own help.
std::string Summary(const CLI::App& command) {
  const std::string description = command.get_description();
  return description.substr(0, description.find('\n'));
}
std::string Explanation(const CLI::App& command) {
  const std::string description = command.get_description();
  const size_t blank = description.find("\n\n");
  return blank == std::string::npos ? "" : description.substr(blank + 2);
}

bool TakesValues(const CLI::Option& option) { return option.get_expected_max() > 1; }

// "kiosk build [SITE_DIR] [options]"
std::string Usage(const CLI::App& command) {
  std::string usage = CommandName(command);
  for (const CLI::Option* positional :
       command.get_options([](const CLI::Option* option) { return option->get_positional(); })) {
    usage += " [" + positional->get_name(true) + (TakesValues(*positional) ? "…]" : "]");
  }
  const bool has_options = !command
                                .get_options([&](const CLI::Option* option) {
                                  return option->nonpositional() &&
                                         option != command.get_help_ptr();
                                })
                                .empty();
  return has_options ? usage + " [options]" : usage;
}

// "  -o, --output OUT_DIR     where to write the site"
std::string OptionLine(const CLI::Option& option) {
  std::string names = "  ";
  for (const std::string& name : option.get_snames()) names += "-" + name + ", ";
  if (option.get_snames().empty()) names += "    ";
  for (const std::string& name : option.get_lnames()) names += "--" + name + ", ";
  names.resize(names.size() - 2);
  if (!option.get_type_name().empty()) {
    names += " " + option.get_type_name() + (TakesValues(option) ? "…" : "");
  }
  return Wrapped(names, option.get_description(), kDescriptionColumn);
}

std::string CommandHelp(const CLI::App& command) {
  std::string help = "Usage: " + Usage(command) + "\n\n";
  if (const std::string explanation = Explanation(command); !explanation.empty()) {
    help += explanation + "\n\n";
  }
  // A command of commands (kiosk new) lists them.
  if (const auto commands = command.get_subcommands([](const CLI::App*) { return true; });
      !commands.empty()) {
    help += "Commands:\n";
    for (const CLI::App* each : commands) {
      help += Wrapped("  " + Usage(*each), Summary(*each), kDescriptionColumn);
    }
    help += '\n';
  }
  // Options by group, in the order the groups first appear; --help last.
  std::vector<std::string> groups;
  const auto options = command.get_options([&](const CLI::Option* option) {
    return option->nonpositional() && option != command.get_help_ptr();
  });
  for (const CLI::Option* option : options) {
    if (std::find(groups.begin(), groups.end(), option->get_group()) == groups.end()) {
      groups.push_back(option->get_group());
    }
  }
  if (std::find(groups.begin(), groups.end(), "Options") == groups.end()) {
    groups.push_back("Options");
  }
  for (const std::string& group : groups) {
    help += group + ":\n";
    for (const CLI::Option* option : options) {
      if (option->get_group() == group) help += OptionLine(*option);
    }
    if (group == "Options") help += OptionLine(*command.get_help_ptr());
    help += '\n';
  }
  if (!command.get_footer().empty()) help += command.get_footer() + '\n';
  return help;
}

std::string ProgramHelp(const CLI::App& kiosk) {
  std::string help = kiosk.get_description() + "\n\nUsage:\n";
  std::vector<std::pair<std::string, std::string>> lines;
  for (const CLI::App* command : kiosk.get_subcommands({})) {
    lines.emplace_back(Usage(*command), Summary(*command));
  }
  for (const CLI::Option* option : kiosk.get_options()) {
    lines.emplace_back(CommandName(kiosk) + " --" + option->get_lnames().front(),
                       option->get_description());
  }
  size_t width = 0;
  for (const auto& [usage, summary] : lines) width = std::max(width, DisplayWidth(usage));
  for (const auto& [usage, summary] : lines) {
    help += Wrapped("  " + usage, summary, width + 5);
  }
  return help + '\n' + kiosk.get_footer() + '\n';
}

class HelpFormatter : public CLI::FormatterBase {
 public:
  std::string make_help(const CLI::App* app, std::string, CLI::AppFormatMode) const override {
    return app->get_parent() ? CommandHelp(*app) : ProgramHelp(*app);
  }
};

// The options a command knows, as a user types them: "-o", "--output".
std::vector<std::string> OptionNames(const CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::Option* option : command.get_options()) {
    for (const std::string& name : option->get_snames()) names.push_back("-" + name);
    for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
  }
  return names;
}

std::vector<std::string> CommandNames(const CLI::App& kiosk) {
  std::vector<std::string> names;
  for (const CLI::App* command : kiosk.get_subcommands({})) names.push_back(command->get_name());
  return names;
}

std::string DidYouMean(std::string_view word, const std::vector<std::string>& names) {
  const std::optional<std::string> nearest = NearestName(word, names);
  return nearest ? " — did you mean '" + *nearest + "'?" : "";
}

// An argument no option or command took: a mistyped command or option, or one too many.
int ExtraArgument(const CLI::App& command) {
  std::string extra;
  for (const std::string& argument : command.remaining()) {
    if (argument != "--") {
      extra = argument;
      break;
    }
  }
  if (StartsWith(extra, "-")) {
    const std::string option = extra.substr(0, extra.find('='));
    return UsageError(command, "unknown option '" + option + "'" +
                                   DidYouMean(option, OptionNames(command)));
  }
  if (!command.get_parent()) {
    return UsageError(command,
                      "unknown command '" + extra + "'" + DidYouMean(extra, CommandNames(command)));
  }
  return UsageError(command, "unexpected argument '" + extra + "' — the usage is " + Usage(command));
}

// CLI11 names the option first in its messages ("--jobs: must be …"): said as a sentence
// about the option, as the user typed it or the help shows it.
int WrongOptionValue(const CLI::App& command, const CLI::ParseError& error) {
  const std::string message = error.what();
  const size_t colon = message.find(": ");
  const CLI::Option* option =
      colon == std::string::npos
          ? nullptr
          : command.get_option_no_throw(message.substr(0, colon));
  if (!option) return UsageError(command, message);
  const std::string name = option->get_name();
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&error)) {
    return UsageError(command, name + " needs a value: " + option->get_type_name());
  }
  return UsageError(command, name + " " + message.substr(colon + 2));
}

}  // namespace

void SetUpProgram(CLI::App& kiosk) {
  kiosk.formatter(std::make_shared<HelpFormatter>());
  // One command a run: `kiosk help build` names a command, `kiosk build poster` a folder.
  kiosk.require_subcommand(0, 1);
  kiosk.set_help_flag("-h,--help", "show this help");
  kiosk.set_version_flag("--version", std::string("kiosk ") + KIOSK_VERSION, "show the version");
}

int Run(CLI::App& kiosk, const std::vector<Command>& commands, int argc, char** argv) {
  if (argc < 2) {
    std::cerr << ProgramHelp(kiosk);
    return kExitUsage;
  }
  // CLI11 reports what it cannot parse by exceptions: they end here, as exit statuses.
  try {
    kiosk.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << kiosk.help();
    return kExitOk;
  } catch (const CLI::CallForVersion& version) {
    std::cout << version.what() << '\n';
    return kExitOk;
  } catch (const CLI::ParseError& error) {
    const std::vector<CLI::App*> chosen = kiosk.get_subcommands();
    const CLI::App& command = chosen.empty() ? kiosk : *chosen.front();
    if (dynamic_cast<const CLI::ExtrasError*>(&error)) return ExtraArgument(command);
    return WrongOptionValue(command, error);
  }
  for (const Command& command : commands) {
    if (command.app->parsed()) return command.run();
  }
  std::cerr << ProgramHelp(kiosk);
  return kExitUsage;
}

Command AddHelpCommand(CLI::App& kiosk) {
  CLI::App* help = kiosk.add_subcommand("help", "show the options of a command");
  auto command = std::make_shared<std::string>();
  help->add_option("COMMAND", *command, "the command");
  return {help, [&kiosk, command] {
            if (command->empty()) {
              std::cout << ProgramHelp(kiosk);
              return kExitOk;
            }
            for (const CLI::App* other : kiosk.get_subcommands({})) {
              if (other->get_name() == *command) {
                std::cout << CommandHelp(*other);
                return kExitOk;
              }
            }
            return UsageError(kiosk, "unknown command '" + *command + "'" +
                                         DidYouMean(*command, CommandNames(kiosk)));
          }};
}

CLI::Option* AddJobsOption(CLI::App& command, int& jobs) {
  return AddCheckedOption<int>(
      command, "-j,--jobs", jobs,
      [](std::string_view text) -> std::optional<int> {
        if (text.empty() || text.size() > 4) return std::nullopt;
        int number = 0;
        for (char c : text) {
          if (c < '0' || c > '9') return std::nullopt;
          number = number * 10 + (c - '0');
        }
        return number > 0 ? std::optional(number) : std::nullopt;
      },
      "N", "a number of threads from 1, as in -j4", "worker threads (default: one per core)");
}

std::string PlainFolder(std::string_view folder) {
  std::string plain = std::filesystem::path(folder).lexically_normal().generic_string();
  while (plain.size() > 1 && plain.back() == '/') plain.pop_back();
  return plain;
}

int UsageError(const CLI::App& command, const std::string& message) {
  std::cerr << "kiosk: " << message << "\nRun '" << CommandName(command)
            << " --help' for usage.\n";
  return kExitUsage;
}

void PrintDiagnostics(const Diagnostics& diagnostics) {
  for (const Diagnostic& diagnostic : diagnostics.items()) {
    std::cerr << diagnostic.format() << '\n';
  }
}

std::string Today() {
  const std::time_t now = std::time(nullptr);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", std::localtime(&now));
  return text;
}

}  // namespace kiosk::cli
