//! Calendar dates as whole days since 1970-01-01, the only time unit the index stores.
//!
//! Job posts carry dates, never times, so a day count keeps columns small (an `i32`),
//! sorts correctly, and avoids pulling a date-time crate into the WebAssembly build.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A proleptic Gregorian calendar date, stored as days since 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date(pub i32);

impl Date {
    /// Builds a date from year, month (1–12) and day (1–31); `None` if the day does not exist.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        // Shift the year to start in March so that the leap day is the year's last day.
        let y = if month <= 2 { year - 1 } else { year } as i64;
        let era = y.div_euclid(400);
        let year_of_era = y - era * 400;
        let month_from_march = (month as i64 + 9) % 12;
        let day_of_year = (153 * month_from_march + 2) / 5 + day as i64 - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        Some(Date((era * 146_097 + day_of_era - 719_468) as i32))
    }

    /// The (year, month, day) of this date.
    pub fn ymd(self) -> (i32, u32, u32) {
        let z = self.0 as i64 + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_from_march = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
        let month = if month_from_march < 10 { month_from_march + 3 } else { month_from_march - 9 } as u32;
        let year = (year_of_era + era * 400 + i64::from(month <= 2)) as i32;
        (year, month, day)
    }

    pub fn year(self) -> i32 {
        self.ymd().0
    }

    /// Parses `YYYY-MM-DD`, also accepting a trailing time (`2017-08-26 10:00:00 -0400`,
    /// `2017-08-26T10:00:00Z`) as Jekyll front matter often has one.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let text = text.trim();
        let date_part = text.get(..10)?;
        let rest = &text[10..];
        if !(rest.is_empty() || rest.starts_with(' ') || rest.starts_with('T')) {
            return None;
        }
        let mut parts = date_part.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates() {
        assert_eq!(Date::from_ymd(1970, 1, 1), Some(Date(0)));
        assert_eq!(Date::from_ymd(2000, 3, 1), Some(Date(11_017)));
        assert_eq!(Date::from_ymd(2020, 10, 7).unwrap().to_string(), "2020-10-07");
        assert_eq!(Date::from_ymd(2019, 2, 29), None);
        assert_eq!(Date::from_ymd(2020, 2, 29).unwrap().ymd(), (2020, 2, 29));
        assert_eq!(Date::from_ymd(1969, 12, 31), Some(Date(-1)));
    }

    #[test]
    fn round_trips_every_day_over_four_centuries() {
        let start = Date::from_ymd(1800, 1, 1).unwrap().0;
        let end = Date::from_ymd(2200, 12, 31).unwrap().0;
        let mut previous = None;
        for n in start..=end {
            let (y, m, d) = Date(n).ymd();
            assert_eq!(Date::from_ymd(y, m, d), Some(Date(n)));
            if let Some((py, pm, pd)) = previous {
                assert!((y, m, d) > (py, pm, pd));
            }
            previous = Some((y, m, d));
        }
    }

    #[test]
    fn parses_front_matter_dates() {
        assert_eq!(Date::parse_iso("2017-08-26").unwrap().to_string(), "2017-08-26");
        assert!(Date::parse_iso("2017-08-26 10:00:00 -0400").is_some());
        assert!(Date::parse_iso("2017-08-26T10:00:00Z").is_some());
        assert_eq!(Date::parse_iso("2017-8-26"), None);
        assert_eq!(Date::parse_iso("2017-08-32"), None);
        assert_eq!(Date::parse_iso("2017-08-26x"), None);
    }
}
