// kiosk's commands, each in its own file (cli/<name>_command.cpp): each adds itself to the
// command line, its options bound to the library's options struct, and returns what runs it.
#pragma once

#include "cli/command_line.h"

namespace kiosk::cli {

Command AddBuildCommand(CLI::App& kiosk);
Command AddPosterCommand(CLI::App& kiosk);
Command AddCheckCommand(CLI::App& kiosk);
Command AddImportCommand(CLI::App& kiosk);
Command AddServeCommand(CLI::App& kiosk);
Command AddNewCommand(CLI::App& kiosk);

}  // namespace kiosk::cli
