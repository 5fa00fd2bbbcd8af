//! Beside the English that rustc and clippy write, a line in the reader's language (issue 44):
//! their text is kept as it is (its columns point at the code, and it is what a search finds),
//! and in another language than English
//! - a broken rule's reason (`= note: day2-echo: build the address yourself`) is followed by
//!   its translation (`lab::rules`: the English is clippy.toml's, the Korean ko.ftl's); a
//!   broken C rule is the checker's own sentence, said in the reader's language
//!   (`compile::c::rule_violations`);
//! - the compile errors a student meets most (mismatched types, the borrow checker's three,
//!   an unresolved name, `?` where it cannot go, a `Result` left unused) end with a one-line
//!   fix; so do the warnings a successful build keeps (an unused `Result`), shown under the
//!   exercise though they fail nothing.

use crate::base::i18n::{Lang, Messages, Text, msg};
use crate::lab::rules;

/// A rule's output (clippy's lines) with each known reason followed by its translation.
pub fn rule_output(output: &str, exercise: &str, tr: &Messages) -> Vec<String> {
    let lines = output.lines().map(str::to_string);
    if tr.lang() == Lang::En {
        return lines.collect();
    }
    let known = rules::of(exercise);
    let mut out = Vec::new();
    for line in lines {
        let said = line.split_once("= note: ").and_then(|(lead, note)| {
            let rule = known.iter().find(|r| r.reason == note.trim_end())?;
            let words = tr.own_or(&rules::reason_key(&rule.reason), "");
            let reason = format!("{exercise}: {words}");
            (!words.is_empty()).then(|| {
                let said = tr.render(&msg!("report-rule-reason", reason = reason));
                format!("{lead}{said}")
            })
        });
        out.push(line);
        out.extend(said);
    }
    out
}

/// The compiler's errors with a fix after each kind a student meets most.
pub fn compiler_output(diagnostics: &str, tr: &Messages) -> Vec<String> {
    let lines: Vec<&str> = diagnostics.lines().collect();
    if tr.lang() == Lang::En {
        return lines.into_iter().map(str::to_string).collect();
    }
    let mut out = Vec::new();
    let mut fix: Option<Text> = None;
    for line in lines {
        if is_header(line)
            && let Some(f) = fix.take()
        {
            out.push(tr.render(&msg!("report-compiler-fix", fix = f)));
        }
        if is_header(line) {
            fix = fix_for(line);
        }
        out.push(line.to_string());
    }
    if let Some(f) = fix {
        out.push(tr.render(&msg!("report-compiler-fix", fix = f)));
    }
    out
}

/// A successful build's kept warnings under its exercise: a line that says they fail nothing,
/// then the compiler's own lines (their columns point at the code), each followed by its fix
/// in another language than English.
pub fn warnings<W: std::io::Write>(
    out: &mut crate::report::lines::Lines<'_, W>,
    warnings: &[String],
    tr: &Messages,
) -> std::io::Result<()> {
    if warnings.is_empty() {
        return Ok(());
    }
    let said = tr.render(&msg!("report-compiler-warnings"));
    out.put("  ", 2, 4, &said, anstyle::Style::new())?;
    for line in compiler_output(&warnings.join("\n"), tr) {
        writeln!(out.out, "    {line}")?;
    }
    Ok(())
}

/// The first line of a diagnostic: `error[E0308]: mismatched types`, `warning: unused ...`.
fn is_header(line: &str) -> bool {
    line.starts_with("error") || line.starts_with("warning")
}

/// The fix of the diagnostic that starts with `header`, if it is one of the common ones.
fn fix_for(header: &str) -> Option<Text> {
    let code = header
        .split_once('[')
        .and_then(|(_, rest)| rest.split_once(']'))
        .map(|(code, _)| code);
    Some(match code {
        Some("E0308") => msg!("rustc-fix-e0308"),
        Some("E0499") => msg!("rustc-fix-e0499"),
        Some("E0502") => msg!("rustc-fix-e0502"),
        Some("E0382") => msg!("rustc-fix-e0382"),
        Some("E0425") => msg!("rustc-fix-e0425"),
        Some("E0277") if header.contains("`?`") => msg!("rustc-fix-e0277-question-mark"),
        _ if header.contains("that must be used") => msg!("rustc-fix-must-use"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_rule_s_reason_is_followed_by_its_korean() {
        let output = "error: use of a disallowed method `u16::to_be`\n   |\n   = note: day1-endian: swap and order the bytes yourself with shifts and masks\n   = help: for further information visit https://...";
        let ko = rule_output(output, "day1-endian", &Messages::new(Lang::Ko));
        assert_eq!(ko.len(), 5, "{ko:#?}");
        assert_eq!(
            ko[3],
            "   = 이유: day1-endian: 시프트와 마스크로 바이트를 직접 바꾸고 순서를 맞추라"
        );
        let en = rule_output(output, "day1-endian", &Messages::new(Lang::En));
        assert_eq!(en.join("\n"), output);
        // A note that is no rule's reason is left alone.
        let other = "   = note: requested on the command line";
        assert_eq!(
            rule_output(other, "day1-endian", &Messages::new(Lang::Ko)).len(),
            1
        );
    }

    /// A broken C rule is the checker's own sentence: said whole in the reader's language, the
    /// reason too (its Korean keyed by the hash of its English).
    #[test]
    fn a_broken_c_rule_is_said_in_the_reader_s_language() {
        const REASON: &str = "open, read and write the descriptors yourself (open, read, write, writev): stdio's streams and the kernel's copy calls would run the loop the lesson is about";
        let said = msg!(
            "rules-c-calls",
            callers = "copy",
            list = Text::listed(["fdopen".into(), "fread".into()]),
            reason = Text::Own {
                key: rules::reason_key(REASON),
                english: REASON
            }
        );
        let en = Messages::new(Lang::En).render(&said);
        assert_eq!(en, format!("copy calls fdopen, fread: {REASON}"));
        let ko = Messages::new(Lang::Ko).render(&said);
        assert!(ko.starts_with("copy에서 fdopen, fread를 부른다: "), "{ko}");
        assert!(
            ko.contains("디스크립터") && !ko.contains("yourself"),
            "{ko}"
        );
    }

    #[test]
    fn the_common_compile_errors_end_with_a_fix() {
        let ko = Messages::new(Lang::Ko);
        let rustc = "error[E0308]: mismatched types\n --> src/lib.rs:3:5\n  |\n3 |     x\n  |     ^ expected `u16`, found `u32`\n\nerror[E0599]: no method named `foo`\n --> src/lib.rs:9:5\nerror[E0277]: the `?` operator can only be used in a function that returns `Result`\n --> src/lib.rs:12:9";
        let lines = compiler_output(rustc, &ko);
        let fixes: Vec<usize> = (0..lines.len())
            .filter(|&i| lines[i].starts_with(&ko.render(&msg!("report-compiler-fix", fix = ""))))
            .collect();
        // After E0308's block (before E0599's header) and at the end (E0277 with `?`); none
        // for E0599.
        assert_eq!(fixes.len(), 2, "{lines:#?}");
        assert!(
            lines[fixes[0] + 1].starts_with("error[E0599]"),
            "{lines:#?}"
        );
        assert_eq!(fixes[1], lines.len() - 1);
        // rustc's own lines are all kept, in order.
        let kept: Vec<&String> = lines
            .iter()
            .filter(|l| !fixes.iter().any(|&i| &lines[i] == *l))
            .collect();
        assert_eq!(kept.len(), rustc.lines().count());
        assert_eq!(
            compiler_output(rustc, &Messages::new(Lang::En)).join("\n"),
            rustc
        );
    }

    /// Every fix is said in both languages.
    #[test]
    fn every_fix_is_in_both_catalogs() {
        use crate::base::i18n::{EN_FTL, KO_FTL, catalog::Catalog};
        let (en, ko) = (Catalog::parse(EN_FTL), Catalog::parse(KO_FTL));
        let headers = [
            "error[E0308]: x",
            "error[E0499]: x",
            "error[E0502]: x",
            "error[E0382]: x",
            "error[E0425]: x",
            "error[E0277]: the `?` operator",
            "warning: unused `Result` that must be used",
        ];
        for header in headers {
            let Some(Text::Msg { id, .. }) = fix_for(header) else {
                panic!("no fix for {header}");
            };
            assert!(en.has(id) && ko.has(id), "{id}");
        }
    }
}
