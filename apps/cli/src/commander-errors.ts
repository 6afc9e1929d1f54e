import { closestNames, SpineError } from "@spine/platform";
import type { Command, CommanderError } from "commander";

// The command level the user was typing at: follow argv through known sub-commands.
function commandLevel(program: Command, argv: readonly string[]): Command {
  let current = program;
  for (const token of argv) {
    if (token.startsWith("-")) continue;
    const next = current.commands.find(
      (command) => command.name() === token || command.aliases().includes(token),
    );
    if (!next) break;
    current = next;
  }
  return current;
}

function commanderSuggestions(message: string): string[] {
  const match = /\(Did you mean (?:one of )?(.+)\?\)/.exec(message);
  return match?.[1] ? match[1].split(", ").map((name) => name.trim()) : [];
}

function unknownCommandError(error: CommanderError, program: Command, argv: readonly string[]): SpineError {
  const unknown = /unknown command '([^']*)'/.exec(error.message)?.[1] ?? "";
  const level = commandLevel(program, argv);
  const candidates = level.commands.map((command) => command.name());
  const suggestions = [
    ...new Set([...commanderSuggestions(error.message), ...closestNames(unknown, candidates)]),
  ];
  const hint =
    suggestions.length > 0
      ? ` Did you mean ${suggestions.join(" or ")}?`
      : ` Commands: ${candidates.join(", ")}.`;
  return new SpineError("USAGE", `Unknown command '${unknown}'.${hint}`, {
    details: { command: unknown, suggestions },
  });
}

/**
 * Turns commander's own errors into USAGE errors for the one error boundary; null means commander
 * finished successfully (help or version was printed).
 */
export function translateCommanderError(
  error: CommanderError,
  program: Command,
  argv: readonly string[],
): SpineError | null {
  if (error.exitCode === 0) return null;
  if (error.code === "commander.unknownCommand") return unknownCommandError(error, program, argv);
  if (error.code === "commander.help") {
    return new SpineError("USAGE", "A sub-command is required; see the usage above.", {
      details: { commanderCode: error.code },
    });
  }
  const message = error.message
    .replace(/^error: /, "")
    .replace(/\n\(Did you mean (.+)\?\)/, " Did you mean $1?");
  return new SpineError("USAGE", message, { details: { commanderCode: error.code } });
}
