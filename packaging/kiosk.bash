# bash completion for kiosk(1): its commands, their options, and the options' values.
# They are read from kiosk's own help (kiosk --help, kiosk COMMAND --help), so that they are
# always the installed kiosk's. A value is completed by how the help names it: choices
# ("A4|A3"), a folder ("OUT_DIR", "SITE_DIR"), a file ("FILE.pdf", "CONTENT_PATH"), or
# nothing to offer ("N", "URL").

# Sets COMPREPLY to what a value named `$1` may be, beginning with `$2`.
_kiosk_value() {
  local name=$1 current=$2
  case $name in
    *'|'*)
      COMPREPLY=($(compgen -W "${name//|/ }" -- "$current")) ;;
    *DIR)
      compopt -o filenames
      COMPREPLY=($(compgen -d -- "$current")) ;;
    FILE.*)
      compopt -o filenames
      COMPREPLY=($(compgen -d -- "$current") $(compgen -f -X "!*.${name#FILE.}" -- "$current")) ;;
    *PATH*)
      compopt -o filenames
      COMPREPLY=($(compgen -f -- "$current")) ;;
    *)
      COMPREPLY=() ;;
  esac
}

_kiosk() {
  local program=${COMP_WORDS[0]} current=${COMP_WORDS[COMP_CWORD]}
  local previous=${COMP_WORDS[COMP_CWORD - 1]}
  # "--size=A" is three words to bash: "--size", "=", "A".
  if [[ $current == = ]]; then
    current=
  elif [[ $previous == = ]]; then
    previous=${COMP_WORDS[COMP_CWORD - 2]}
  fi

  local command='' i
  for ((i = 1; i < COMP_CWORD; i++)); do
    if [[ ${COMP_WORDS[i]} != -* ]]; then
      command=${COMP_WORDS[i]}
      break
    fi
  done
  if [[ -z $command || ($command == help && $i -eq $((COMP_CWORD - 1))) ]]; then
    local commands
    commands=$("$program" --help 2>/dev/null | sed -n 's/^  kiosk \([a-z][a-z-]*\) .*/\1/p')
    [[ -z $command ]] && commands+=" --help --version"
    COMPREPLY=($(compgen -W "$commands" -- "$current"))
    return
  fi

  # The command's options: "  -o, --output OUT_DIR   where…" and "      --drafts   include…".
  local help line options='' value='' positional=''
  help=$("$program" "$command" --help 2>/dev/null) || return
  while IFS= read -r line; do
    if [[ $line =~ ^Usage:\ [a-z]+\ [a-z-]+\ \[([A-Z_]+) ]]; then
      positional=${BASH_REMATCH[1]}
    elif [[ $line =~ ^\ \ (-([a-zA-Z]),\ |\ \ \ \ )--([a-z0-9-]+)(\ ([^ ]+))? ]]; then
      options+=" --${BASH_REMATCH[3]}"
      [[ -n ${BASH_REMATCH[2]} ]] && options+=" -${BASH_REMATCH[2]}"
      if [[ $previous == "--${BASH_REMATCH[3]}" ||
            (-n ${BASH_REMATCH[2]} && $previous == "-${BASH_REMATCH[2]}") ]]; then
        value=${BASH_REMATCH[5]%…}
      fi
    fi
  done <<< "$help"

  if [[ -n $value ]]; then
    _kiosk_value "$value" "$current"
  elif [[ $current == -* ]]; then
    COMPREPLY=($(compgen -W "$options" -- "$current"))
  else
    _kiosk_value "$positional" "$current"
  fi
}

complete -F _kiosk kiosk
