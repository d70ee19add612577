using Alimentar.Cli;
using Spectre.Console;

return await new CliApplication(AnsiConsole.Console).RunAsync(args);
