import { SpineError } from "@spine/platform";
import type { Command } from "commander";
import type { CliContext } from "../../cli-context.js";
import { bashCompletionScript, zshCompletionScript } from "./completion-script.js";
import { completionWords } from "./completion-words.js";

const shells = { bash: bashCompletionScript, zsh: zshCompletionScript } as const;

/** `spine completion bash|zsh`: a completion script generated from the command tree and registry. */
export function registerCompletionCommand(program: Command, context: CliContext): void {
  program
    .command("completion")
    .description('print a shell completion script: eval "$(spine completion bash)" (or zsh)')
    .argument("<shell>", "bash or zsh")
    .action((shell: string) => {
      const script = shells[shell as keyof typeof shells];
      if (!script) throw new SpineError("USAGE", `Unknown shell "${shell}": expected bash or zsh.`);
      context.io.stdout(script(completionWords(program, context.registry)));
    });
}
