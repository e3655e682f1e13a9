// kiosk's command line: the commands, each in its own file, parsed by CLI11.
#include "base/memory.h"
#include "cli/commands.h"

// jemalloc (linked in for speed) hands freed pages back to the system after a quarter of a
// second rather than ten. A build frees each page's memory as it goes on, so this keeps the
// peak low (350 MB instead of 375 for 10,000 pages). Handing them back at once would save
// another 15 MB but costs a second of system time, most of it in page faults and in
// flushing both cores' address caches on every release. It may back memory with 2 MB pages,
// which `kiosk build` allows only once the build knows it is incremental (base/memory.h).
extern "C" {
const char* malloc_conf = "dirty_decay_ms:250,muzzy_decay_ms:0,thp:always";
}

int main(int argc, char** argv) {
  kiosk::AllowLargePages(false);
  CLI::App kiosk("kiosk — static websites for public service offices, in Chinese and English",
                 "kiosk");
  kiosk::cli::SetUpProgram(kiosk);
  kiosk.footer(
      "Run 'kiosk help COMMAND' or 'kiosk COMMAND --help' for a command's options.\n"
      "Exit status: 0 success, 1 errors in the site, 2 wrong usage.");
  // The commands, in the order `kiosk --help` lists them. To add one, `kiosk NAME`:
  //   - write cli/NAME_command.cpp with `Command AddNameCommand(CLI::App& kiosk)`, which adds
  //     the subcommand (its first description line is its summary here), binds its options
  //     to the library's options struct and returns a function that calls the library and
  //     gives the exit status (see cli/build_command.cpp);
  //   - declare it in cli/commands.h, list it below, and add the file to
  //     generator/CMakeLists.txt. Help, suggestions and wrong usage then come with it.
  const std::vector<kiosk::cli::Command> commands = {
      kiosk::cli::AddBuildCommand(kiosk),
      kiosk::cli::AddServeCommand(kiosk),
      kiosk::cli::AddNewCommand(kiosk),
      kiosk::cli::AddPosterCommand(kiosk),
      kiosk::cli::AddCheckCommand(kiosk),
      kiosk::cli::AddImportCommand(kiosk),
      kiosk::cli::AddHelpCommand(kiosk),
  };
  return kiosk::cli::Run(kiosk, commands, argc, argv);
}
