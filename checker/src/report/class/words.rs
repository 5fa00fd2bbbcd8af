//! The class page's words: the lab's tests' titles, hints and course sections in the reader's
//! language, the names of tracks, and the links between a page's parts. Every section of the
//! page says what it says through here.

use std::collections::HashMap;

use super::figures::Cause;
use super::html::text;
use super::{Class, Student};
use crate::base::i18n::{Messages, Text, msg};
use crate::base::verdict::{Diagnosis, FailureKind};
use crate::base::workspace::Track;
use crate::lab::course;
use crate::lab::exercise::Exercise;
use crate::lab::test::{Test, tests_of};
use crate::report::hints;

/// What the page needs of the lab: its tests' titles, hints and course sections, in the
/// reader's language (a test the lab no longer has keeps the words its report gave).
pub struct Lab<'a> {
    pub tr: &'a Messages,
    /// The lab's exercises, in course order.
    catalogue: Vec<&'static Exercise>,
    /// Every test of the lab, by exercise, then by id.
    tests: HashMap<&'static str, HashMap<&'static str, Test>>,
}

impl<'a> Lab<'a> {
    pub fn new(tr: &'a Messages, catalogue: &[&'static Exercise]) -> Lab<'a> {
        Lab {
            tr,
            catalogue: catalogue.to_vec(),
            tests: catalogue
                .iter()
                .map(|e| (e.name, tests_of(e).into_iter().map(|t| (t.id, t)).collect()))
                .collect(),
        }
    }

    /// A catalog message, rendered and escaped.
    pub fn say(&self, text: Text) -> String {
        super::html::text(&self.tr.render(&text)).into_owned()
    }

    fn test(&self, exercise: &str, id: &str) -> Option<&Test> {
        self.tests.get(exercise)?.get(id)
    }

    /// The test's title in the reader's language, escaped.
    pub fn title(&self, exercise: &str, id: &str, reported: Option<&str>) -> String {
        let title = match self.test(exercise, id) {
            Some(t) => t.title_in(self.tr).into_owned(),
            None => reported.unwrap_or(id).to_string(),
        };
        text(&title).into_owned()
    }

    /// The exercise's title in the reader's language, escaped.
    pub fn exercise_title(&self, name: &str) -> String {
        match self.catalogue.iter().find(|e| e.name == name) {
            Some(e) => text(&e.title_in(self.tr)).into_owned(),
            None => text(name).into_owned(),
        }
    }

    /// The course section the test points at, as a link to the course notes in the reader's
    /// language (the lab's copy, where the page was made) named by its heading.
    pub fn course_link(&self, exercise: &str, id: &str) -> Option<String> {
        let section = self.test(exercise, id)?.section;
        let lang = self.tr.lang();
        let target = format!("{}#{section}", self.tr.course());
        let heading = course::heading(lang, section).unwrap_or(section);
        let url = format!("file://{}#{section}", course::path(lang).display());
        Some(format!(
            "<a href=\"{}\">{}</a> “{}”",
            super::html::attr(&url),
            text(&target),
            text(heading)
        ))
    }

    /// What the students of `track` were told for a failure of `cause` on this test, escaped.
    pub fn hint(&self, cause: &Cause, exercise: &str, id: &str, track: Track) -> Option<String> {
        let tr = &self.tr.on(track);
        let said = match cause {
            Cause::Diagnosis(name) => tr.render(&hints::diagnosed(Diagnosis::of_name(name)?)),
            Cause::Kind(name) => tr.render(&hints::explain(FailureKind::of_name(name)?)),
            Cause::DoesNotCompile => tr.render(&msg!("class-hint-does-not-compile")),
            Cause::Refused => tr.render(&msg!("class-hint-refused")),
            Cause::Wrong => self.test(exercise, id)?.hint_in(tr).into_owned(),
        };
        Some(text(&said).into_owned())
    }

    /// The track in the reader's words.
    pub fn track(&self, s: &Student) -> String {
        if s.no_grade.is_some() {
            return "–".into();
        }
        self.say(match s.track {
            Some(Track::Rust) => msg!("class-track-rust"),
            Some(Track::C) => msg!("class-track-c"),
            None => msg!("class-track-unknown"),
        })
    }
}

/// The anchor of a student's own section.
pub fn student_anchor(index: usize) -> String {
    format!("s{index}")
}

/// A link to a student's section, named by the student.
pub fn student_link(class: &Class, index: usize) -> String {
    format!(
        "<a href=\"#{}\">{}</a>",
        student_anchor(index),
        text(&class.students[index].name)
    )
}

/// `12.5`: a percentage as the page shows it.
pub fn percent(p: Option<f64>) -> String {
    p.map(|p| format!("{p:.1}")).unwrap_or_else(|| "–".into())
}
