//! Instants as the grading reports write them (RFC 3339, UTC: `2026-10-31T14:59:00Z`, the form
//! Classroom 50's `datetime` takes) and read them back (a deadline with any UTC offset). A few
//! lines of calendar arithmetic (the days-from-civil algorithm) instead of a date crate: the
//! checker needs nothing else of dates, and every student's cold build would compile one.

/// Seconds since the Unix epoch, now.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

/// `unix` as the reader's wall clock, `14:03:12` (the local time zone, as `date` shows it).
pub fn local_clock(unix: i64) -> String {
    let t = unix as libc::time_t;
    // SAFETY: a zeroed `tm` is a valid value, and localtime_r writes only into it.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    if unsafe { libc::localtime_r(&t, &mut tm) }.is_null() {
        return rfc3339(unix)[11..19].to_string();
    }
    format!("{:02}:{:02}:{:02}", tm.tm_hour, tm.tm_min, tm.tm_sec)
}

/// `unix` as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn rfc3339(unix: i64) -> String {
    let (days, secs) = (unix.div_euclid(86_400), unix.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// An RFC 3339 instant (`2026-10-31T23:59:00+09:00`, `...Z`, seconds and fractions optional, a
/// space allowed for the `T`) as seconds since the Unix epoch; `None` if it is not one.
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let text = text.trim();
    let num = |s: &str| -> Option<i64> {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
    };
    let (date, rest) = (text.get(..10)?, text.get(10..)?);
    let mut parts = date.split('-');
    let (y, m, d) = (
        num(parts.next()?)?,
        num(parts.next()?)?,
        num(parts.next()?)?,
    );
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !rest.starts_with(['T', 't', ' ']) {
        return None;
    }
    let rest = &rest[1..];
    let zone_at = rest.find(['Z', 'z', '+', '-'])?;
    let (clock, zone) = rest.split_at(zone_at);
    let clock = clock.split('.').next()?;
    let mut hms = clock.split(':');
    let (h, min) = (num(hms.next()?)?, num(hms.next()?)?);
    let s = hms.next().map(num).unwrap_or(Some(0))?;
    if h > 23 || min > 59 || s > 60 || hms.next().is_some() {
        return None;
    }
    let offset = match zone {
        "Z" | "z" => 0,
        _ => {
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            let digits = zone[1..].replace(':', "");
            if digits.len() != 4 {
                return None;
            }
            sign * (num(&digits[..2])? * 3600 + num(&digits[2..])? * 60)
        }
    };
    Some(days_from_civil(y, m, d) * 86_400 + h * 3600 + min * 60 + s - offset)
}

/// Days since 1970-01-01 of a date of the proleptic Gregorian calendar.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day counted from 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_round_trip() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_798_729_140), "2026-12-31T14:59:00Z");
        for t in [0, 951_782_400, 1_709_164_800, 1_798_729_140, 4_102_444_799] {
            assert_eq!(parse_rfc3339(&rfc3339(t)), Some(t), "{t}");
        }
    }

    #[test]
    fn offsets_and_forms_are_read() {
        let utc = parse_rfc3339("2026-10-31T14:59:00Z");
        assert_eq!(parse_rfc3339("2026-10-31T23:59:00+09:00"), utc);
        assert_eq!(parse_rfc3339("2026-10-31 23:59+0900"), utc);
        assert_eq!(parse_rfc3339("2026-10-31T10:59:00.250-04:00"), utc);
        for bad in [
            "",
            "2026-10-31",
            "2026-13-01T00:00Z",
            "tomorrow",
            "2026-10-31T25:00Z",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }
}
