import type { CompletionWords } from "./completion-words.js";

// Every word is a command, a name or a flag: letters, digits, '.', '_', '-' only; anything else
// would need quoting inside the script, so it is left out rather than risk a broken script.
const safeWord = /^[A-Za-z0-9._-]+$/;

function wordList(words: readonly string[]): string {
  return words.filter((word) => safeWord.test(word)).join(" ");
}

function caseArms(words: CompletionWords): string {
  return [...words.byPath.entries()]
    .map(([path, next]) => `    "${path}") candidates="${wordList(next)}" ;;`)
    .join("\n");
}

/** The bash completion function; zsh loads the same one through bashcompinit. */
export function bashCompletionScript(words: CompletionWords): string {
  return `# spine completion for bash. Load it with: eval "$(spine completion bash)"
# (or save it to a file in ~/.local/share/bash-completion/completions/spine).
_spine_complete() {
  local cur="\${COMP_WORDS[COMP_CWORD]}"
  local -a path=()
  local index skip=0 word
  for ((index = 1; index < COMP_CWORD; index++)); do
    word="\${COMP_WORDS[index]}"
    if ((skip)); then skip=0; continue; fi
    case " ${wordList(words.valueFlags)} " in *" $word "*) skip=1; continue ;; esac
    case "$word" in -*) continue ;; esac
    path+=("$word")
  done
  ((skip)) && return 0
  local key="\${path[*]}"
  key="\${key//-/_}"
  local candidates=""
  case "$key" in
${caseArms({ byPath: new Map([...words.byPath].map(([path, next]) => [path.replaceAll("-", "_"), next])), valueFlags: words.valueFlags })}
  esac
  COMPREPLY=($(compgen -W "$candidates" -- "$cur"))
}
complete -o default -F _spine_complete spine
`;
}

/** zsh: bash's function through zsh's bashcompinit, which every zsh ships. */
export function zshCompletionScript(words: CompletionWords): string {
  return `#compdef spine
# spine completion for zsh. Load it with: eval "$(spine completion zsh)" (after compinit).
autoload -U +X bashcompinit && bashcompinit
${bashCompletionScript(words).replace(/^# spine completion for bash[^\n]*\n#[^\n]*\n/, "")}`;
}
