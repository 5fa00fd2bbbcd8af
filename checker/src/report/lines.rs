//! A report's lines wrapped to the terminal, between words, under their own indents.

use std::io::Write;

use anstyle::Style;

/// The terminal's width in cells: COLUMNS where it is set, else the terminal's own; `None`
/// for a pipe or a file (one line a line there, whatever its length: a log is read by grep).
pub fn terminal_columns() -> Option<usize> {
    match std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
    {
        Some(columns) if columns > 0 => Some(columns),
        _ => console::Term::stdout()
            .size_checked()
            .map(|(_, columns)| usize::from(columns)),
    }
}

/// Writes a report's lines cut between words to the terminal's width, where it is known: a
/// line wider than the terminal goes on under its own indent (or under its text), so a 262-column
/// failure reads in an 80-column terminal without words cut or indents lost.
pub struct Lines<'a, W: Write> {
    pub out: &'a mut W,
    pub columns: Option<usize>,
}

impl<W: Write> Lines<'_, W> {
    /// `lead` (already styled, `lead_cells` wide on screen), then `text` in `style`; lines
    /// after the first start `hang` cells in.
    pub fn put(
        &mut self,
        lead: &str,
        lead_cells: usize,
        hang: usize,
        text: &str,
        style: Style,
    ) -> std::io::Result<()> {
        let fits = |columns: usize| lead_cells + crate::base::i18n::width(text) <= columns;
        let Some(columns) = self.columns.filter(|&c| !fits(c)) else {
            return writeln!(self.out, "{lead}{style}{text}{style:#}");
        };
        // At least 20 cells of text a line, even in a very narrow terminal.
        let first = columns.saturating_sub(lead_cells).max(20);
        let rest = columns.saturating_sub(hang).max(20);
        // The first line takes the words that fit beside the lead; the others go on under it.
        let mut head = String::new();
        let mut words = text.split_whitespace().peekable();
        while let Some(word) = words.peek() {
            let space = usize::from(!head.is_empty());
            let cells = crate::base::i18n::width(&head) + space + crate::base::i18n::width(word);
            if cells > first {
                break;
            }
            if space == 1 {
                head.push(' ');
            }
            head.push_str(word);
            words.next();
        }
        writeln!(self.out, "{lead}{style}{head}{style:#}")?;
        let tail: Vec<&str> = words.collect();
        if !tail.is_empty() {
            for line in crate::base::i18n::wrap(&tail.join(" "), rest) {
                writeln!(self.out, "{:hang$}{style}{line}{style:#}", "")?;
            }
        }
        Ok(())
    }

    /// A heading `name — title ...` (an exercise's, an experiment's): its continuation lines
    /// go on under the title, so the name stands alone in its column.
    pub fn titled(&mut self, text: &str) -> std::io::Result<()> {
        let Some((name, title)) = text.split_once(" — ") else {
            return self.indented(0, text, 2);
        };
        let lead = format!("{name} — ");
        let cells = crate::base::i18n::width(&lead);
        self.put(&lead, cells, cells, title, Style::new())
    }

    /// A row of a table whose last column is text: `lead` (the columns before it, padded),
    /// then `text`, its continuation lines under the text's own column.
    pub fn row(&mut self, lead: &str, text: &str) -> std::io::Result<()> {
        let cells = crate::base::i18n::width(lead);
        self.put(lead, cells, cells, text, Style::new())
    }

    /// A line of `indent` blanks and `text`, its continuation lines `hang` further in.
    pub fn indented(&mut self, indent: usize, text: &str, hang: usize) -> std::io::Result<()> {
        let lead = " ".repeat(indent);
        self.put(&lead, indent, indent + hang, text, Style::new())
    }
}
