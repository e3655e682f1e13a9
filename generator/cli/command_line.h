// What kiosk's commands share on the command line: exit statuses, how a command is added
// and run, options whose values are checked as they are read, the help's layout, and what a
// user is told when the arguments are wrong.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"

namespace kiosk::cli {

constexpr int kExitOk = 0;
constexpr int kExitContentError = 1;
constexpr int kExitUsage = 2;

// A command: a subcommand of `kiosk` whose options are bound to the library's options
// struct, and what runs it once they are parsed, returning the exit status.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

// The program's own options (--help, --version) and the help's layout; before any command
// is added, so that each inherits them.
void SetUpProgram(CLI::App& kiosk);

// Parses the arguments and runs the command they name. Help goes to standard output; wrong
// usage is explained on standard error, with a suggestion for a mistyped command or option,
// and exits with kExitUsage.
int Run(CLI::App& kiosk, const std::vector<Command>& commands, int argc, char** argv);

// `kiosk help [COMMAND]`: added after the other commands, whose help it shows.
Command AddHelpCommand(CLI::App& kiosk);

// An option whose value the library parses: `parse` gives nullopt for a wrong one, and the
// user is told the option "must be `expected`". `value_name` is how the help names the value.
template <typename T>
CLI::Option* AddCheckedOption(CLI::App& command, const std::string& names, T& target,
                              std::function<std::optional<T>(std::string_view)> parse,
                              const std::string& value_name, const std::string& expected,
                              const std::string& description) {
  return command
      .add_option_function<std::string>(
          names, [&target, parse](const std::string& text) { target = *parse(text); },
          description)
      ->type_name(value_name)
      ->check(CLI::Validator(
          [parse, expected](std::string& text) {
            return parse(text) ? std::string() : "must be " + expected + ", not '" + text + "'";
          },
          /*validator_description=*/""));
}

// `-j, --jobs N`: worker threads, from 1.
CLI::Option* AddJobsOption(CLI::App& command, int& jobs);

// A folder as the user named it, without "./", "a/../" or a trailing slash ("." stays).
std::string PlainFolder(std::string_view folder);

// Tells the user their arguments cannot be used and how to find the right ones.
int UsageError(const CLI::App& command, const std::string& message);

void PrintDiagnostics(const Diagnostics& diagnostics);

// Today's date here, "2026-11-21".
std::string Today();

}  // namespace kiosk::cli
