//! Polish time: the days a clerk's schedule and audit trail are grouped by, and the times
//! people read. Europe/Warsaw by the EU rule (no tz database in the binaries).

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};

/// Europe/Warsaw offset: +2 between the last Sundays of March and October (01:00 UTC), else +1.
pub fn warsaw_offset_hours(t: DateTime<Utc>) -> i64 {
    let last_sunday = |month: u32| {
        let mut d = NaiveDate::from_ymd_opt(t.year(), month, 31).unwrap_or_default();
        while d.weekday() != Weekday::Sun {
            d = d.pred_opt().unwrap_or(d);
        }
        Utc.from_utc_datetime(&d.and_hms_opt(1, 0, 0).unwrap_or_default())
    };
    if t >= last_sunday(3) && t < last_sunday(10) {
        2
    } else {
        1
    }
}

/// The wall-clock time in Poland, as a naive value for display.
pub fn polish_time(t: DateTime<Utc>) -> chrono::NaiveDateTime {
    (t + Duration::hours(warsaw_offset_hours(t))).naive_utc()
}

/// The calendar day in Poland.
pub fn polish_date(t: DateTime<Utc>) -> NaiveDate {
    polish_time(t).date()
}

/// The last second of the Polish day `t` falls on (23:59:59 in Warsaw), for a deadline
/// that people read as a date.
pub fn end_of_polish_day(t: DateTime<Utc>) -> DateTime<Utc> {
    let midnight = polish_date(t).succ_opt().unwrap_or(polish_date(t)).and_hms_opt(0, 0, 0).unwrap_or_default();
    let next = [2, 1]
        .into_iter()
        .map(|off| Utc.from_utc_datetime(&midnight) - Duration::hours(off))
        .find(|&utc| polish_date(utc) == midnight.date())
        .unwrap_or_else(|| Utc.from_utc_datetime(&midnight) - Duration::hours(1));
    next - Duration::seconds(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_polish_day_ends_at_its_last_second_in_warsaw() {
        let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        assert_eq!(end_of_polish_day(t("2026-11-23T10:00:00Z")), t("2026-11-23T22:59:59Z"), "CET");
        assert_eq!(end_of_polish_day(t("2026-11-23T23:30:00Z")), t("2026-11-24T22:59:59Z"), "already the 24th");
        assert_eq!(end_of_polish_day(t("2026-07-01T08:00:00Z")), t("2026-07-01T21:59:59Z"), "CEST");
        assert_eq!(
            end_of_polish_day(t("2026-10-24T12:00:00Z")),
            t("2026-10-24T21:59:59Z"),
            "the night before the change"
        );
    }

    #[test]
    fn days_change_at_polish_midnight() {
        let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        assert_eq!(polish_date(t("2026-11-23T22:59:00Z")).to_string(), "2026-11-23");
        assert_eq!(polish_date(t("2026-11-23T23:00:00Z")).to_string(), "2026-11-24", "CET: +1");
        assert_eq!(polish_date(t("2026-07-01T22:00:00Z")).to_string(), "2026-07-02", "CEST: +2");
    }
}
