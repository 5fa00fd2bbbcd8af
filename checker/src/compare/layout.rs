//! The comparison's text laid out in a terminal's width (80 columns where it cannot be known):
//! a table too wide for it is cut into narrower tables that each repeat its first columns (the
//! server and its clients), so every figure stays beside what it is of; words wrap between
//! words under their indent; the command to measure again is broken where a shell reads it back.

use crate::base::i18n::{pad, width, wrap};

/// Cells before a table's first column, and between two columns.
const INDENT: usize = 2;
const GAP: usize = 2;
/// The fewest cells a wrapped cell keeps on its line; below that it goes on under the line.
const NARROWEST: usize = 12;

/// `rows` (the first is the header) as tables of at most `columns` cells a line. The first
/// `keys` columns start every table; the others are dealt out in order, as many to a table as
/// fit. Column 0 and the last column (words: the errors) read from the left, the figures
/// between line up on the right. A table of one column too wide for the terminal wraps that
/// column's cells under it.
pub fn tables(rows: &[Vec<String>], keys: usize, columns: usize) -> Vec<String> {
    let n = rows.iter().map(Vec::len).max().unwrap_or(0);
    let keys = keys.min(n);
    let widths: Vec<usize> = (0..n)
        .map(|i| {
            let cells = rows.iter().filter_map(|r| r.get(i));
            cells.map(|s| width(s)).max().unwrap_or(0)
        })
        .collect();
    let key_cells = INDENT + widths[..keys].iter().map(|w| w + GAP).sum::<usize>();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut used = key_cells;
    for (i, &w) in widths.iter().enumerate().skip(keys) {
        match groups.last_mut() {
            Some(group) if used + w <= columns => group.push(i),
            _ => {
                groups.push(vec![i]);
                used = key_cells;
            }
        }
        used += w + GAP;
    }
    if groups.is_empty() {
        groups.push(Vec::new());
    }
    let mut lines = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        if g > 0 {
            lines.push(String::new());
        }
        let chosen: Vec<usize> = (0..keys).chain(group.iter().copied()).collect();
        for row in rows {
            lines.extend(line(row, &chosen, &widths, n, columns));
        }
    }
    lines
}

/// One row's cells of the `chosen` columns, as one line or, where its last cell is too wide,
/// that cell wrapped under itself.
fn line(
    row: &[String],
    chosen: &[usize],
    widths: &[usize],
    n: usize,
    columns: usize,
) -> Vec<String> {
    let empty = String::new();
    let mut head = " ".repeat(INDENT);
    let Some((&last, before)) = chosen.split_last() else {
        return vec![String::new()];
    };
    for &i in before {
        let cell = row.get(i).unwrap_or(&empty);
        if i == 0 {
            head.push_str(&pad(cell, widths[i]));
        } else {
            head.push_str(&" ".repeat(widths[i].saturating_sub(width(cell))));
            head.push_str(cell);
        }
        head.push_str(&" ".repeat(GAP));
    }
    let cell = row.get(last).unwrap_or(&empty);
    let start = width(&head);
    if start + width(cell) <= columns || cell.is_empty() {
        let cell = if last == 0 || last + 1 == n {
            cell.clone()
        } else {
            format!(
                "{}{cell}",
                " ".repeat(widths[last].saturating_sub(width(cell)))
            )
        };
        return vec![format!("{head}{cell}").trim_end().to_string()];
    }
    // Too wide: the cell goes on under itself, or under the line if that leaves it too little.
    let (first, hang) = if columns.saturating_sub(start) >= NARROWEST {
        (start, start)
    } else {
        (columns, INDENT * 2)
    };
    let mut out = Vec::new();
    let mut parts = wrap(cell, columns.saturating_sub(hang)).into_iter();
    if first == start {
        out.push(format!("{head}{}", parts.next().unwrap_or_default()));
    } else {
        out.push(head.trim_end().to_string());
    }
    out.extend(parts.map(|p| format!("{}{p}", " ".repeat(hang))));
    out
}

/// `text` wrapped to `columns`, its first line `indent` cells in and the others `hang` more
/// (each line of `text` a paragraph of its own).
pub fn prose(text: &str, indent: usize, hang: usize, columns: usize) -> Vec<String> {
    let mut out = Vec::new();
    let inner = indent + hang;
    for paragraph in text.lines() {
        let mut words = paragraph.split_whitespace().peekable();
        let mut head = String::new();
        while let Some(word) = words.peek() {
            let space = usize::from(!head.is_empty());
            if !head.is_empty() && indent + width(&head) + space + width(word) > columns {
                break;
            }
            if space == 1 {
                head.push(' ');
            }
            head.push_str(word);
            words.next();
        }
        out.push(format!("{}{head}", " ".repeat(indent)));
        let rest: Vec<&str> = words.collect();
        if !rest.is_empty() {
            let lines = wrap(&rest.join(" "), columns.saturating_sub(inner));
            out.extend(
                lines
                    .into_iter()
                    .map(|l| format!("{}{l}", " ".repeat(inner))),
            );
        }
    }
    out
}

/// A shell command in lines of at most `columns` cells, broken between words with ` \` (a shell
/// reads the lines back as one command), its continuation lines indented.
pub fn command(words: &[String], indent: usize, columns: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = " ".repeat(indent);
    let continued = indent + 4;
    for (i, word) in words.iter().enumerate() {
        let bare = line.trim_start().is_empty();
        // Room for the word and, where more follow, for " \".
        let room = if i + 1 < words.len() { 2 } else { 0 };
        if !bare && width(&line) + 1 + width(word) + room > columns {
            line.push_str(" \\");
            lines.push(std::mem::take(&mut line));
            line = " ".repeat(continued);
        } else if !bare {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(cells: &[&[&str]]) -> Vec<Vec<String>> {
        cells
            .iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn a_table_that_fits_stays_one_table() {
        let lines = tables(&rows(&[&["서버", "1", "x"], &["a", "1000", "y"]]), 2, 80);
        assert_eq!(lines, ["  서버     1  x", "  a     1000  y"]);
    }

    #[test]
    fn a_wide_table_is_cut_into_tables_that_repeat_the_keys() {
        let header = [
            "server",
            "clients",
            "aaaaaaaaaa",
            "bbbbbbbbbb",
            "cccccccccc",
            "errors",
        ];
        let one = ["poll", "10", "1", "2", "3", "2 reset"];
        let lines = tables(&rows(&[&header, &one]), 2, 41);
        assert_eq!(
            lines,
            [
                "  server  clients  aaaaaaaaaa  bbbbbbbbbb",
                "  poll         10           1           2",
                "",
                "  server  clients  cccccccccc  errors",
                "  poll         10           3  2 reset",
            ]
        );
        assert!(lines.iter().all(|l| width(l) <= 41));
    }

    #[test]
    fn a_cell_too_wide_for_any_table_wraps_under_itself() {
        let lines = tables(
            &rows(&[
                &["server", "errors"],
                &[
                    "poll",
                    "12 refused, 30 reset, 4 not connected, 1 wrong or lost",
                ],
            ]),
            1,
            40,
        );
        assert!(lines.iter().all(|l| width(l) <= 40), "{lines:#?}");
        assert_eq!(lines[1], "  poll    12 refused, 30 reset, 4 not");
        assert_eq!(lines[2], "          connected, 1 wrong or lost");
    }

    #[test]
    fn prose_wraps_under_its_indent() {
        let lines = prose("one two three four five six", 2, 2, 14);
        assert_eq!(lines, ["  one two", "    three four", "    five six"]);
    }

    #[test]
    fn a_long_command_breaks_where_a_shell_reads_it_back() {
        let words: Vec<String> = "cargo run -p checker -- compare --solutions --runs 2 echo chat"
            .split(' ')
            .map(String::from)
            .collect();
        let lines = command(&words, 2, 40);
        assert!(lines.iter().all(|l| width(l) <= 40), "{lines:#?}");
        assert!(lines[..lines.len() - 1].iter().all(|l| l.ends_with(" \\")));
        let joined: Vec<&str> = lines
            .iter()
            .flat_map(|l| l.split_whitespace())
            .filter(|w| *w != "\\")
            .collect();
        assert_eq!(joined.join(" "), words.join(" "));
    }
}
