import { parseFlags } from '../args';
import type { Command } from '../command';
import { InputError } from '../input-error';

const SHELLS = ['bash', 'zsh', 'fish'] as const;

/** The flags a command's usage text names, sorted (the usage is the one list of a command's flags). */
export function commandFlags(command: Command): string[] {
  return [...new Set([...command.usage.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)].map((m) => m[0]).concat('--help'))].sort();
}

/**
 * `netpol completion bash|zsh|fish`: prints a shell completion script for the commands and
 * their flags; file arguments complete as files.
 *
 * @param commands the commands to complete, read when the command runs (it is one of them)
 */
export function completionCommand(commands: () => readonly Command[]): Command {
  return {
    name: 'completion',
    summary: 'Print a shell completion script (bash, zsh or fish)',
    usage: `Usage: netpol completion bash|zsh|fish

Prints a completion script for netpol's commands and flags. Install it with:
  bash:  netpol completion bash > ~/.local/share/bash-completion/completions/netpol
  zsh:   netpol completion zsh > "\${fpath[1]}/_netpol"
  fish:  netpol completion fish > ~/.config/fish/completions/netpol.fish

Exit status: 0 printed, 2 unknown shell.
`,
    async run(args, io) {
      const { positionals } = parseFlags('completion', args, {}, true);
      const shell = positionals[0];
      if (positionals.length !== 1 || !(SHELLS as readonly string[]).includes(shell)) {
        throw new InputError(`give one shell: ${SHELLS.join(', ')}${shell === undefined ? '' : ` (got ${positionals.join(' ')})`}.`);
      }
      const list = commands().map((c) => ({ name: c.name, summary: c.summary, flags: commandFlags(c) }));
      io.stdout(SCRIPTS[shell as typeof SHELLS[number]](list));
      return 0;
    },
  };
}

interface Completable {
  readonly name: string;
  readonly summary: string;
  readonly flags: readonly string[];
}

const SCRIPTS: Record<typeof SHELLS[number], (commands: readonly Completable[]) => string> = {
  bash: (commands) => `# netpol bash completion (netpol completion bash)
_netpol() {
  local cur=\${COMP_WORDS[COMP_CWORD]}
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${[...commands.map((c) => c.name), 'help', '--help', '--version'].join(' ')}" -- "$cur"))
    return
  fi
  case "\${COMP_WORDS[1]}" in
${commands.map((c) => `    ${c.name}) flags="${c.flags.join(' ')}" ;;`).join('\n')}
    *) flags="" ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _netpol netpol
`,
  zsh: (commands) => `#compdef netpol
# netpol zsh completion (netpol completion zsh)
_netpol() {
  local -a commands
  commands=(
${commands.map((c) => `    '${c.name}:${c.summary.replace(/'/g, "'\\''").replace(/:/g, '\\:')}'`).join('\n')}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  case $words[2] in
${commands.map((c) => `    ${c.name}) _arguments '*:file:_files' ${c.flags.map((f) => `'${f}[]'`).join(' ')} ;;`).join('\n')}
  esac
}
compdef _netpol netpol
`,
  fish: (commands) => `# netpol fish completion (netpol completion fish)
complete -c netpol -f -n '__fish_use_subcommand' -a 'help' -d 'Show the usage of a command'
${commands.map((c) => `complete -c netpol -f -n '__fish_use_subcommand' -a '${c.name}' -d '${c.summary.replace(/'/g, "\\'")}'`).join('\n')}
${commands.flatMap((c) => c.flags.map((f) => `complete -c netpol -F -n '__fish_seen_subcommand_from ${c.name}' -l '${f.slice(2)}'`)).join('\n')}
`,
};
