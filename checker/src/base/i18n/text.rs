//! Words as data: a failure, a note or a label is a `Text` — a message of the catalogs (an id
//! and its arguments) or plain text (a program's output, a command, a transcript's bytes) —
//! and becomes words only when a report renders it in the reader's language (`Messages`).
//! So the tests, which run on threads of their own, never need to know the language.

/// Something a reader will read, not yet in any language.
#[derive(Clone, Debug, PartialEq)]
pub enum Text {
    /// Shown as it is, in every language: program output, commands, data.
    Plain(String),
    /// A message of the catalogs, by its stable id, with its arguments.
    Msg {
        id: &'static str,
        args: Vec<(&'static str, Arg)>,
    },
    /// Pieces shown one after another (lines joined with a `Plain("\n")`, say).
    Join(Vec<Text>),
    /// A text whose English is a table's (a rule's reason) and whose translation a catalog
    /// keeps under a key made from it (`rule-reason--<hash>`): the English where the
    /// reader's catalog lacks it.
    Own { key: String, english: &'static str },
}

/// An argument of a message: words (rendered first, in the same language) or a number (which
/// chooses a plural form).
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Text(Text),
    Num(f64),
}

impl Text {
    pub fn msg(id: &'static str, args: Vec<(&'static str, Arg)>) -> Text {
        Text::Msg { id, args }
    }

    /// Lines, one after another, separated by newlines.
    pub fn lines(lines: impl IntoIterator<Item = Text>) -> Text {
        Text::separated(lines, "\n")
    }

    /// Items one after another, separated by commas (descriptors, processes, tests).
    pub fn listed(items: impl IntoIterator<Item = Text>) -> Text {
        Text::separated(items, ", ")
    }

    fn separated(items: impl IntoIterator<Item = Text>, separator: &str) -> Text {
        let mut parts = Vec::new();
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                parts.push(Text::Plain(separator.into()));
            }
            parts.push(item);
        }
        Text::Join(parts)
    }

    /// A value or a call as the track graded writes it: `rust` on the Rust track, `c` on the
    /// C track (`value-code` and its C form, `value-code-c`: the renderer's track chooses).
    pub fn as_written(rust: impl Into<Text>, c: impl Into<Text>) -> Text {
        Text::msg(
            "value-code",
            vec![("rust", Arg::Text(rust.into())), ("c", Arg::Text(c.into()))],
        )
    }

    /// This text, then `more`.
    pub fn then(self, more: impl Into<Text>) -> Text {
        match self {
            Text::Join(mut parts) => {
                parts.push(more.into());
                Text::Join(parts)
            }
            first => Text::Join(vec![first, more.into()]),
        }
    }

    /// Whether this is the message `id` (a test may look at which failure it got).
    pub fn is(&self, id: &str) -> bool {
        matches!(self, Text::Msg { id: mine, .. } if *mine == id)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::Plain(s)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::Plain(s.to_string())
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Text {
        Text::Plain(s.clone())
    }
}

impl From<&Text> for Text {
    fn from(t: &Text) -> Text {
        t.clone()
    }
}

impl<T: Into<Text>> From<T> for Arg
where
    T: NotNumber,
{
    fn from(t: T) -> Arg {
        Arg::Text(t.into())
    }
}

/// Types that become words, not numbers, as message arguments.
pub trait NotNumber {}
impl NotNumber for String {}
impl NotNumber for &str {}
impl NotNumber for &String {}
impl NotNumber for Text {}
impl NotNumber for &Text {}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Num(n as f64)
            }
        }
    )*};
}
number_args!(u8, u16, u32, u64, u128, usize, i32, i64, f64);

/// A catalog message: `msg!("id", name = value, ...)`. Values are words (`&str`, `String`,
/// `Text`) or numbers (which choose plural forms); a Fluent variable name is the Rust name.
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::base::i18n::Text::msg(
            $id,
            vec![$((stringify!($name), $crate::base::i18n::Arg::from($value))),*],
        )
    };
}
pub(crate) use msg;
