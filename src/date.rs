//! Dates that keep their precision: `2022`, `2022-10` or `2022-10-24`.
//!
//! Full dates are validated by `jiff`; year and month precision are our own small type on
//! top, because a reported "October 2022" must never be shown or sorted as "1 October 2022".

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct PartialDate {
    pub year: i16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl PartialDate {
    /// A key that sorts a date at the end of the period it names: `2022` after
    /// `2022-12-31`, `2022-10` after `2022-10-31`.
    pub(crate) fn end_key(self) -> (i16, u8, u8) {
        (self.year, self.month.unwrap_or(13), self.day.unwrap_or(32))
    }

    /// [`PartialDate::end_key`] for the part of its period a note names (`date_part`): early
    /// in a year ends with April, mid with August, late with the year; early in a month ends
    /// on its 10th, mid on its 20th, late with the month.
    pub(crate) fn end_key_in(self, part: Option<crate::i18n::DatePart>) -> (i16, u8, u8) {
        use crate::i18n::DatePart::{Early, Late, Mid};
        match (self.month, self.day, part) {
            (None, None, Some(Early)) => (self.year, 4, 32),
            (None, None, Some(Mid)) => (self.year, 8, 32),
            (Some(m), None, Some(Early)) => (self.year, m, 10),
            (Some(m), None, Some(Mid)) => (self.year, m, 20),
            (_, _, Some(Late) | None) | (_, Some(_), _) => self.end_key(),
        }
    }

    /// The last day of the period it names, or of its part (`2022` is 31 December 2022,
    /// `2023-02` is 28 February 2023, early 2022 is 30 April 2022): where the site sorts it
    /// ([`PartialDate::end_key_in`]), and where a feed places it.
    pub(crate) fn last_day(self, part: Option<crate::i18n::DatePart>) -> String {
        let (year, month, day) = self.end_key_in(part);
        let month = month.min(12);
        let day = if day > 31 {
            jiff::civil::Date::new(year, month as i8, 1)
                .map_or(28, |d| d.last_of_month().day() as u8)
        } else {
            day
        };
        format!("{year:04}-{month:02}-{day:02}")
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; the error says what is wrong.
    pub(crate) fn parse(text: &str) -> Result<PartialDate, String> {
        let parts: Vec<&str> = text.trim().split('-').collect();
        let number = |s: &str, len: usize, what: &str| -> Result<i64, String> {
            if s.len() != len || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("the {what} must be {len} digits"));
            }
            s.parse::<i64>()
                .map_err(|_| format!("the {what} must be {len} digits"))
        };
        if parts.is_empty() || parts.len() > 3 {
            return Err("write the date as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`".into());
        }
        let year = number(parts[0], 4, "year")?;
        let year = i16::try_from(year).map_err(|_| "the year is out of range".to_string())?;
        let month = match parts.get(1) {
            Some(m) => {
                let m = number(m, 2, "month")?;
                if !(1..=12).contains(&m) {
                    return Err(format!("there is no month {m}"));
                }
                Some(m as u8)
            }
            None => None,
        };
        let day = match (parts.get(2), month) {
            (Some(d), Some(m)) => {
                let d = number(d, 2, "day")?;
                let d8 = i8::try_from(d).map_err(|_| format!("there is no day {d}"))?;
                jiff::civil::Date::new(year, m as i8, d8)
                    .map_err(|_| format!("{} {year} has no day {d}", MONTHS[usize::from(m) - 1]))?;
                Some(d8 as u8)
            }
            _ => None,
        };
        Ok(PartialDate { year, month, day })
    }

    /// The machine form, as written: `2022`, `2022-10`, `2022-10-24`.
    pub(crate) fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_day_of_a_period() {
        let last = |t: &str| PartialDate::parse(t).unwrap().last_day(None);
        assert_eq!(last("2022"), "2022-12-31");
        assert_eq!(last("2023-02"), "2023-02-28");
        assert_eq!(last("2024-02"), "2024-02-29");
        assert_eq!(last("2022-10"), "2022-10-31");
        assert_eq!(last("2022-10-05"), "2022-10-05");
        let early = |t: &str| {
            PartialDate::parse(t)
                .unwrap()
                .last_day(Some(crate::i18n::DatePart::Early))
        };
        assert_eq!(early("2022"), "2022-04-30");
        assert_eq!(early("2022-10"), "2022-10-10");
    }

    #[test]
    fn keeps_precision() {
        let y = PartialDate::parse("2022").unwrap();
        let m = PartialDate::parse("2022-10").unwrap();
        let d = PartialDate::parse("2022-10-24").unwrap();
        assert_eq!(
            (y.iso(), m.iso(), d.iso()),
            ("2022".into(), "2022-10".into(), "2022-10-24".into())
        );
        assert!(y < m && m < d);
    }

    #[test]
    fn a_part_of_a_period_ends_with_that_part() {
        use crate::i18n::DatePart::{Early, Late, Mid};
        let d = |t: &str| PartialDate::parse(t).unwrap();
        assert_eq!(d("2022").end_key_in(Some(Early)), (2022, 4, 32));
        assert_eq!(d("2022").end_key_in(Some(Mid)), (2022, 8, 32));
        assert_eq!(d("2022").end_key_in(Some(Late)), d("2022").end_key());
        assert_eq!(d("2022-10").end_key_in(Some(Early)), (2022, 10, 10));
        // Early 2022 comes before May 2022; late 2022 after December's days.
        assert!(d("2022").end_key_in(Some(Early)) < d("2022-05").end_key());
        assert!(d("2022").end_key_in(Some(Late)) > d("2022-12-31").end_key());
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(
            PartialDate::parse("2023-02-29").unwrap_err(),
            "February 2023 has no day 29"
        );
        assert!(PartialDate::parse("2024-02-29").is_ok());
        assert_eq!(
            PartialDate::parse("2022-13").unwrap_err(),
            "there is no month 13"
        );
        assert!(PartialDate::parse("22-10").is_err());
        assert!(PartialDate::parse("late 2022").is_err());
        assert!(PartialDate::parse("2022-10-24-1").is_err());
    }
}
