/**
 * Dockerfiles on which our parser must agree with the engine (the
 * differential test in server/sandbox/parser-differential.engine.test.ts builds each
 * one). Hand-written tricky cases first, then generated combinations and a
 * seeded random mix. All are harmless: a local base image (busybox), `echo`s,
 * COPY of a file the context holds (`a.txt`), remote sources only on a closed
 * loopback port, and the engine builds with `networkmode=none`.
 *
 * No expected results are written here: the engine is the oracle.
 */

export type CorpusCase = { name: string; dockerfile: string };

const B = 'FROM busybox:latest';
// A URL nothing listens on (port 9, discard): a remote ADD the engine would try fails harmlessly.
const URL = 'http://127.0.0.1:9/x';

const handWritten: [string, string][] = [
  // Doubled escapes (issue 10) and their relatives.
  ['doubled escape ends the line', `${B}\nRUN echo a \\\\\nRUN echo b\n`],
  ['doubled escape hides an ADD', `${B}\nRUN echo \\\\\nADD ${URL} /x\n`],
  ['doubled escape hides a FROM', `${B}\nRUN echo \\\\\nFROM busybox:latest\nRUN echo second\n`],
  ['doubled escape hides COPY --from', `${B} AS one\nRUN echo one\nFROM busybox:latest\nRUN echo \\\\\nCOPY --from=one /bin/sh /y\n`],
  ['triple escape ends the line', `${B}\nRUN echo a \\\\\\\nRUN echo b\n`],
  ['quadruple escape ends the line', `${B}\nRUN echo a \\\\\\\\\nRUN echo b\n`],
  ['doubled escape then space then escape continues', `${B}\nRUN echo a \\\\ \\\n  b\n`],
  ['doubled escape with trailing blanks', `${B}\nRUN echo a \\\\  \t\nRUN echo b\n`],
  ['escape glued to a word continues', `${B}\nRUN echo a\\\nb\n`],
  ['escape alone on a line continues', `${B}\nRUN echo a \\\n\\\n  b\n`],
  ['doubled escape alone on a continuation line', `${B}\nRUN echo a \\\n\\\\\nRUN echo b\n`],
  ['doubled escape inside a continuation', `${B}\nRUN echo a \\\n  b \\\\\nRUN echo c\n`],
  ['escape at end of file', `${B}\nRUN echo a \\`],
  ['escape then newline at end of file', `${B}\nRUN echo a \\\n`],
  // The escape directive.
  ['backtick escape continues', '# escape=`\nFROM busybox:latest\nRUN echo a `\n  b\n'],
  ['backtick escape: backslash is literal', '# escape=`\nFROM busybox:latest\nRUN echo a \\\nRUN echo b\n'],
  ['backtick escape: doubled backtick ends the line', '# escape=`\nFROM busybox:latest\nRUN echo a ``\nRUN echo b\n'],
  ['backtick escape: doubled backtick hides ADD', `# escape=\`\nFROM busybox:latest\nRUN echo \`\`\nADD ${URL} /x\n`],
  ['escape directive with spaces', '#   escape  =  `\nFROM busybox:latest\nRUN echo a `\n  b\n'],
  ['escape directive upper-case', '# ESCAPE=`\nFROM busybox:latest\nRUN echo a `\n  b\n'],
  ['escape directive indented', '   # escape=`\nFROM busybox:latest\nRUN echo a `\n  b\n'],
  ['escape directive after a blank line is a comment', '\n# escape=`\nFROM busybox:latest\nRUN echo a `\nRUN echo b\n'],
  ['escape directive after a comment is a comment', '# hello\n# escape=`\nFROM busybox:latest\nRUN echo a `\nRUN echo b\n'],
  ['escape directive after an unknown directive', '# foo=bar\n# escape=`\nFROM busybox:latest\nRUN echo a `\nRUN echo b\n'],
  ['escape directive after syntax directive', '# syntax=docker/dockerfile:1\n# escape=`\nFROM busybox:latest\nRUN echo a `\n  b\n'],
  ['escape directive after check directive', '# check=skip=all\n# escape=`\nFROM busybox:latest\nRUN echo a `\nRUN echo b\n'],
  ['escape directive after FROM is a comment', 'FROM busybox:latest\n# escape=`\nRUN echo a `\nRUN echo b\n'],
  ['escape directive repeated', '# escape=`\n# escape=`\nFROM busybox:latest\nRUN echo a\n'],
  ['escape directive invalid', '# escape=x\nFROM busybox:latest\nRUN echo a\n'],
  ['escape directive without a value', '# escape=\nFROM busybox:latest\nRUN echo a \\\n  b\n'],
  ['escape directive with BOM', '\uFEFF# escape=`\nFROM busybox:latest\nRUN echo a `\n  b\n'],
  ['escape directive with CRLF', '# escape=`\r\nFROM busybox:latest\r\nRUN echo a `\r\n  b\r\n'],
  ['escape directive value with trailing text', '# escape=` x\nFROM busybox:latest\nRUN echo a\n'],
  ['directive inside continuation is not a directive', `${B}\nRUN echo a \\\n# escape=\`\n  b \\\n  c\n`],
  // Comments.
  ['comment line inside continuation', `${B}\nRUN echo a \\\n# a comment\n  b\n`],
  ['indented comment inside continuation', `${B}\nRUN echo a \\\n    # a comment\n  b\n`],
  ['comment ending in escape inside continuation', `${B}\nRUN echo a \\\n# a comment \\\n  b\n`],
  ['comment ending in escape does not continue', `${B}\n# a comment \\\nRUN echo b\n`],
  ['hash in the middle is not a comment', `${B}\nRUN echo a # not a comment\n`],
  ['hash after continuation is text', `${B}\nRUN echo a \\\n  b # c\n`],
  ['comment with tab indent', `${B}\n\t# comment\nRUN echo a\n`],
  ['tab then hash inside continuation', `${B}\nRUN echo a \\\n\t# inner\n  b\n`],
  ['comment only file after FROM', `${B}\n# just a comment\n`],
  ['comment directly before FROM', `# comment\n${B}\nRUN echo a\n`],
  // Empty lines.
  ['empty line inside continuation', `${B}\nRUN echo a \\\n\n  b\n`],
  ['blank line of spaces inside continuation', `${B}\nRUN echo a \\\n   \n  b\n`],
  ['blank line of tabs inside continuation', `${B}\nRUN echo a \\\n\t\t\n  b\n`],
  ['empty lines then next instruction joined', `${B}\nRUN echo a \\\n\n\nRUN echo b\n`],
  ['many empty lines', `\n\n\n${B}\n\n\nRUN echo a\n\n\n`],
  // Line endings.
  ['CRLF', `${B}\r\nRUN echo a\r\nRUN echo b\r\n`],
  ['CRLF continuation', `${B}\r\nRUN echo a \\\r\n  b\r\n`],
  ['CR CR LF continuation', `${B}\r\r\nRUN echo a \\\r\r\n  b\r\n`],
  ['lone CR is not a line break', `${B}\nRUN echo a\rRUN echo b\n`],
  ['lone CR after escape', `${B}\nRUN echo a \\\rRUN echo b\n`],
  ['CRLF doubled escape', `${B}\r\nRUN echo a \\\\\r\nRUN echo b\r\n`],
  ['mixed line endings', `${B}\nRUN echo a\r\nRUN echo b \\\r\n c\nRUN echo d\n`],
  ['no final newline', `${B}\nRUN echo a`],
  ['form feed in a line', `${B}\nRUN echo a\f b\n`],
  ['form feed before keyword', `${B}\n\fRUN echo a\n`],
  ['vertical tab separates keyword', `${B}\nRUN\techo a\nRUN\u000becho b\n`],
  ['BOM', `\uFEFF${B}\nRUN echo a\n`],
  ['BOM before comment', `\uFEFF# comment\n${B}\nRUN echo a\n`],
  ['non-breaking space before keyword', `${B}\n\u00a0RUN echo a\n`],
  ['tabs around', `\t${B}\n\t\tRUN\t echo a \t\n`],
  ['trailing whitespace after escape', `${B}\nRUN echo a \\ \t \n  b\n`],
  // Keywords and case.
  ['lower-case keywords', 'from busybox:latest\nrun echo a\ncopy a.txt /a\nworkdir /w\n'],
  ['mixed-case keywords', 'From busybox:latest\nRuN echo a\nCoPy a.txt /a\n'],
  ['keyword split by continuation', `${B}\nRU\\\nN echo a\n`],
  ['unknown instruction', `${B}\nFOO bar\n`],
  ['unknown instruction after continuation', `${B}\nRUN echo a\nECHO b\n`],
  ['instruction before FROM', 'RUN echo a\nFROM busybox:latest\n'],
  ['ARG before FROM', 'ARG V=latest\nFROM busybox:$V\nRUN echo a\n'],
  ['only comments', '# one\n# two\n'],
  ['empty file', ''],
  ['only whitespace', '   \n\t\n'],
  // JSON forms.
  ['JSON RUN', `${B}\nRUN ["echo", "a"]\n`],
  ['JSON RUN with escape', `${B}\nRUN ["echo", "a \\\\"]\n`],
  ['JSON RUN split by continuation', `${B}\nRUN ["echo", \\\n  "a"]\n`],
  ['JSON with trailing junk', `${B}\nRUN ["echo", "a"] junk\n`],
  // Decides whether the engine reads `[…] junk` as JSON (then no heredoc, and EOF is an unknown instruction).
  ['JSON with trailing junk and heredoc', `${B}\nRUN ["true"] x <<EOF\nRUN echo inside\nEOF\n`],
  ['JSON with trailing spaces and heredoc', `${B}\nRUN ["true"]   <<EOF\nRUN echo inside\nEOF\n`],
  ['JSON not strings', `${B}\nRUN ["echo", 1]\n`],
  ['broken JSON is shell form', `${B}\nRUN ["echo", "a"\n`],
  ['JSON COPY', `${B}\nCOPY ["a.txt", "/a"]\n`],
  ['JSON CMD not strings', `${B}\nCMD ["echo", true]\n`],
  ['JSON with unicode escape', `${B}\nRUN ["ech\\u006f", "a"]\n`],
  // Flags.
  ['COPY --chown', `${B}\nCOPY --chown=0:0 a.txt /a\n`],
  ['COPY --chmod', `${B}\nCOPY --chmod=644 a.txt /a\n`],
  ['COPY --link', `${B}\nCOPY --link a.txt /a\n`],
  ['COPY --parents', `${B}\nCOPY --parents a.txt /a/\n`],
  ['COPY --exclude', `${B}\nCOPY --exclude=*.md a.txt /a\n`],
  ['COPY unknown flag', `${B}\nCOPY --bogus=1 a.txt /a\n`],
  ['COPY flag split by continuation', `${B}\nCOPY \\\n  --chown=0:0 a.txt /a\n`],
  ['COPY flag quoted', `${B}\nCOPY --chown="0:0" a.txt /a\n`],
  ['COPY one argument', `${B}\nCOPY a.txt\n`],
  ['RUN --mount cache', `${B}\nRUN --mount=type=cache,target=/c echo a\n`],
  ['RUN --mount tmpfs', `${B}\nRUN --mount=type=tmpfs,target=/t echo a\n`],
  [
    'RUN --mount bind from stage',
    `${B} AS src\nRUN echo src > /s\nFROM busybox:latest\nRUN --mount=type=bind,from=src,source=/s,target=/m cat /m\n`,
  ],
  ['RUN --network=none', `${B}\nRUN --network=none echo a\n`],
  ['RUN --security', `${B}\nRUN --security=sandbox echo a\n`],
  ['RUN unknown flag', `${B}\nRUN --bogus echo a\n`],
  ['RUN double dash ends flags', `${B}\nRUN -- echo a\n`],
  ['ADD --chmod', `${B}\nADD --chmod=600 a.txt /a\n`],
  ['ADD --link', `${B}\nADD --link a.txt /a\n`],
  ['FROM --platform', 'FROM --platform=linux/amd64 busybox:latest\nRUN echo a\n'],
  ['FROM --platform variable', 'FROM --platform=$BUILDPLATFORM busybox:latest\nRUN echo a\n'],
  ['RUN --mount without value', `${B}\nRUN --mount echo a\n`],
  ['COPY --chown without value', `${B}\nCOPY --chown a.txt /a\n`],
  ['COPY duplicate flag', `${B}\nCOPY --chown=0 --chown=1 a.txt /a\n`],
  ['RUN two mounts', `${B}\nRUN --mount=type=tmpfs,target=/t --mount=type=tmpfs,target=/u echo a\n`],
  ['COPY --link=false', `${B}\nCOPY --link=false a.txt /a\n`],
  ['flag with quoted spaces', `${B}\nCOPY --chown="0:0" "a.txt" /a\n`],
  ['flags after double dash are arguments', `${B}\nCOPY -- --chown=0 /a\n`],
  ['HEALTHCHECK unknown flag', `${B}\nHEALTHCHECK --bogus=1 CMD true\n`],
  ['WORKDIR', `${B}\nWORKDIR /app\nWORKDIR sub\nRUN pwd\n`],
  // Heredocs.
  ['heredoc RUN', `${B}\nRUN <<EOF\necho a\nEOF\n`],
  ['heredoc body looks like instructions', `${B}\nRUN <<EOF\nADD ${URL} /x\nFROM evil\nEOF\nRUN echo after\n`],
  ['heredoc with chomp', `${B}\nRUN <<-EOF\n\techo a\n\tEOF\nRUN echo after\n`],
  ['heredoc quoted delimiter', `${B}\nRUN <<"EOF"\necho $HOME\nEOF\n`],
  ['heredoc single-quoted delimiter', `${B}\nRUN <<'EOF'\necho a\nEOF\n`],
  ['two heredocs on one line', `${B}\nRUN cat <<A <<B > /f\na\nA\nb\nB\nRUN echo after\n`],
  ['heredoc COPY', `${B}\nCOPY <<EOF /f\nhello\nEOF\nRUN cat /f\n`],
  ['heredoc with command after', `${B}\nRUN <<EOF sh\necho a\nEOF\n`],
  ['heredoc after a command', `${B}\nRUN cat <<EOF > /f\nhello\nEOF\n`],
  ['heredoc terminator with trailing space is body', `${B}\nRUN <<EOF\necho a\nEOF \nEOF\n`],
  ['heredoc terminator indented is body', `${B}\nRUN <<EOF\necho a\n  EOF\nEOF\n`],
  ['heredoc CRLF', `${B}\r\nRUN <<EOF\r\necho a\r\nEOF\r\nRUN echo b\r\n`],
  ['heredoc unterminated', `${B}\nRUN <<EOF\necho a\n`],
  ['here-string is not a heredoc', `${B}\nRUN cat <<<a || true\nRUN echo b\n`],
  ['glued heredoc is not a heredoc', `${B}\nRUN cat<<EOF || true\nRUN echo b\n`],
  ['spaced heredoc is not a heredoc', `${B}\nRUN cat << EOF || true\nRUN echo b\n`],
  ['heredoc in JSON RUN is not a heredoc', `${B}\nRUN ["echo", "<<EOF"]\nRUN echo b\n`],
  ['heredoc in CMD is not a heredoc', `${B}\nCMD cat <<EOF\nRUN echo b\n`],
  ['heredoc with unclosed quote is not a heredoc', `${B}\nRUN echo it's <<EOF || true\nRUN echo b\n`],
  ['heredoc with bad substitution is not a heredoc', `${B}\nRUN echo \${} <<EOF || true\nRUN echo b\n`],
  ['heredoc with fd', `${B}\nRUN cat 0<<EOF\na\nEOF\n`],
  ['heredoc continuation before', `${B}\nRUN cat \\\n  <<EOF\na\nEOF\n`],
  ['heredoc body with escapes', `${B}\nRUN <<EOF\necho a \\\\\nEOF\nRUN echo b\n`],
  ['heredoc body ending with continuation', `${B}\nRUN <<EOF\necho a \\\nEOF\nRUN echo b\n`],
  ['ONBUILD heredoc', `${B}\nONBUILD RUN <<EOF\necho a\nEOF\nRUN echo b\n`],
  ['arithmetic shift is not a heredoc', `${B}\nRUN echo $((1<<3))\nRUN echo b\n`],
  // ONBUILD and other instructions.
  ['ONBUILD RUN', `${B}\nONBUILD RUN echo a\nRUN echo b\n`],
  ['ONBUILD FROM refused', `${B}\nONBUILD FROM busybox\n`],
  ['ONBUILD unknown', `${B}\nONBUILD FOO a\n`],
  ['ENV legacy form', `${B}\nENV NAME World\nRUN echo a\n`],
  ['ENV missing value', `${B}\nENV NAME\n`],
  ['ENV missing equals', `${B}\nENV A=1 B\n`],
  ['LABEL quoted', `${B}\nLABEL a="b c" d=e\nRUN echo a\n`],
  ['MAINTAINER', `${B}\nMAINTAINER me\nRUN echo a\n`],
  ['HEALTHCHECK', `${B}\nHEALTHCHECK --interval=5s CMD true\nRUN echo a\n`],
  ['USER EXPOSE VOLUME', `${B}\nUSER 0\nEXPOSE 80\nVOLUME /v\nRUN echo a\n`],
  ['SHELL JSON', `${B}\nSHELL ["/bin/sh", "-c"]\nRUN echo a\n`],
  ['STOPSIGNAL', `${B}\nSTOPSIGNAL SIGTERM\nRUN echo a\n`],
  ['FROM with two words', 'FROM busybox:latest extra\n'],
  // Multi-stage.
  ['two stages, unused one skipped', `${B} AS unused\nRUN echo unused\nFROM busybox:latest\nRUN echo used\n`],
  ['COPY --from index', `${B}\nRUN echo zero > /z\nFROM busybox:latest\nCOPY --from=0 /z /z\n`],
  ['stage names are case-insensitive', `${B} AS Build\nRUN echo b > /b\nFROM busybox:latest\nCOPY --from=build /b /b\n`],
  ['FROM lower-case as', `${B} as one\nRUN echo one\n`],
  ['very long line', `${B}\nRUN echo ${'a'.repeat(20000)}\n`],
  ['very long continuation', `${B}\nRUN echo \\\n${Array.from({ length: 300 }, (_, i) => `  w${i} \\`).join('\n')}\n  end\n`],
];

type Template = (e: string, nl: string) => string;

/** Templates over the escape character and the line ending. */
const templates: [string, Template][] = [
  ['doubled', (e, nl) => `RUN echo a ${e}${e}${nl}RUN echo b${nl}`],
  ['single', (e, nl) => `RUN echo a ${e}${nl}  b${nl}`],
  ['blanks after', (e, nl) => `RUN echo a ${e} \t${nl}  b${nl}`],
  ['comment inside', (e, nl) => `RUN echo a ${e}${nl}# c${nl}  b${nl}`],
  ['empty inside', (e, nl) => `RUN echo a ${e}${nl}${nl}  b${nl}`],
  ['triple', (e, nl) => `RUN echo a ${e}${e}${e}${nl}RUN echo b${nl}`],
  ['lone escape line', (e, nl) => `RUN echo a ${e}${nl}${e}${nl}  b${nl}`],
  ['comment ending in escape', (e, nl) => `# c ${e}${nl}RUN echo b${nl}`],
  ['escape glued', (e, nl) => `RUN echo a${e}${nl}b${nl}`],
  ['doubled then escape', (e, nl) => `RUN echo a ${e}${e} ${e}${nl}  b${nl}`],
  ['hidden ADD', (e, nl) => `RUN echo ${e}${e}${nl}ADD ${URL} /x${nl}`],
  ['copy continued', (e, nl) => `COPY a.txt ${e}${nl}  /a${nl}RUN cat /a${nl}`],
  ['workdir continued', (e, nl) => `WORKDIR /a${e}${nl}b${nl}RUN pwd${nl}`],
  ['keyword split', (e, nl) => `RU${e}${nl}N echo a${nl}`],
  ['three lines', (e, nl) => `RUN echo a ${e}${nl}  b ${e}${nl}  c${nl}RUN echo d${nl}`],
  ['continued to EOF', (e, nl) => `RUN echo a ${e}${nl}`],
  ['JSON continued', (e, nl) => `RUN ["echo", ${e}${nl} "a"]${nl}`],
  ['escaped quote', (e, nl) => `RUN echo ${e}"a${nl}RUN echo b${nl}`],
];

function generated(): CorpusCase[] {
  const out: CorpusCase[] = [];
  const escapes: [string, string][] = [
    ['backslash', '\\'],
    ['backtick', '`'],
  ];
  const endings: [string, string][] = [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CRCRLF', '\r\r\n'],
  ];
  for (const [escapeName, e] of escapes) {
    for (const [endingName, nl] of endings) {
      for (const [templateName, template] of templates) {
        const header = e === '`' ? `# escape=\`${nl}` : '';
        out.push({ name: `generated: ${templateName}, ${escapeName}, ${endingName}`, dockerfile: `${header}${B}${nl}${template(e, nl)}` });
      }
    }
  }
  return out;
}

/** Seeded random files from fragments that stress line joining. */
function randomMix(count: number): CorpusCase[] {
  const fragments = [
    'RUN echo a',
    'RUN echo b \\',
    'run echo c',
    '\\',
    '\\\\',
    '  \\',
    '# comment',
    '# comment \\',
    '',
    '   ',
    '\t',
    'COPY a.txt /a',
    'WORKDIR /w',
    'ENV K=v',
    'RUN echo d \\\\',
    'RUN echo e `',
    '  x',
    '\t# tab comment',
    'LABEL l=1 \\',
    'RUN echo "q \\',
    'EXPOSE 80',
    'RUN true \\ ',
    'RUN echo \\\\ \\',
  ];
  let seed = 20261201;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  const out: CorpusCase[] = [];
  for (let n = 0; n < count; n++) {
    const lines = [B];
    const length = 3 + (random() % 8);
    for (let i = 0; i < length; i++) lines.push(fragments[random() % fragments.length]);
    const nl = random() % 4 === 0 ? '\r\n' : '\n';
    out.push({ name: `random mix #${n + 1}`, dockerfile: lines.join(nl) + nl });
  }
  return out;
}

export function engineCorpus(): CorpusCase[] {
  return [...handWritten.map(([name, dockerfile]) => ({ name, dockerfile })), ...generated(), ...randomMix(60)];
}

/** Files every corpus build's context holds besides the Dockerfile. */
export const CORPUS_CONTEXT_FILES = [{ path: 'a.txt', content: 'a\n' }];
