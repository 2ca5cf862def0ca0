//! Codes are never reused: a configuration, a suppression comment or a CI baseline that names a code must keep
//! meaning what it meant. A rule that is removed leaves its code here, with the reason; no rule may take it again.

/// A code no rule may take again, and why it was retired.
pub struct Retired {
    pub code: &'static str,
    pub why: &'static str,
}

/// Retired codes. None yet: every code ever published still names its rule.
pub const RETIRED: &[Retired] = &[];

/// Every code Dockwise has published (the docs of each release list them): a new rule adds its code here; a
/// removed rule's code moves to [`RETIRED`].
#[cfg(test)]
const PUBLISHED: &[&str] = &[
    "DW1001", "DW1002", "DW1003", "DW1004", "DW1005", "DW1006", "DW1007", "DW1008", "DW1009",
    "DW1010", "DW1011", "DW1012", "DW1013", "DW1014", "DW1015", "DW1016", "DW1017", "DW1018",
    "DW1019", "DW1020", "DW1021", "DW1022", "DW1023", "DW1024", "DW1025", "DW1026", "DW1027",
    "DW1028", "DW1029", "DW1030", "DW1031", "DW1032", "DW1033", "DW1034", "DW1050", "DW2000",
    "DW2001", "DW2002", "DW2003", "DW2004", "DW2006", "DW2007", "DW2008", "DW2009", "DW2010",
    "DW2011", "DW2012", "DW2013", "DW2014", "DW2015", "DW2016", "DW2018", "DW2019", "DW2020",
    "DW2021", "DW2022", "DW2023", "DW2024", "DW2025", "DW2026", "DW2027", "DW2028", "DW2029",
    "DW2030", "DW2032", "DW2033", "DW2034", "DW2035", "DW2036", "DW2037", "DW2038", "DW2040",
    "DW2041", "DW2042", "DW2043", "DW2044", "DW2045", "DW2046", "DW2047", "DW2048", "DW2049",
    "DW2050", "DW2051", "DW2052", "DW2053", "DW2054", "DW2055", "DW2056", "DW2057", "DW2058",
    "DW2059", "DW2060", "DW2061", "DW2062", "DW2064", "DW2066", "DW2067", "DW2100", "DW2101",
    "DW2103", "DW2104", "DW2105", "DW2106", "DW2201", "DW3001", "DW3002", "DW3003", "DW3004",
    "DW3005", "DW3006", "DW3007", "DW3008", "DW4001", "DW4002", "DW4003", "DW4004", "DW4005",
    "DW4006", "DW4007", "DW4008", "DW4009", "DW4010", "DW4011", "DW4012", "DW4013", "DW4014",
    "DW4015", "DW4016", "DW4050", "DW5001", "DW5002", "DW5003", "DW5004", "DW5005", "DW5006",
    "DW5007", "DW5008", "DW5009", "DW5050",
];

#[cfg(test)]
mod tests {
    use super::{PUBLISHED, RETIRED};
    use std::collections::BTreeSet;

    #[test]
    fn each_code_names_one_rule_and_no_rule_takes_a_retired_code() {
        let mut seen = BTreeSet::new();
        for rule in crate::rules::all() {
            assert!(seen.insert(rule.code), "two rules share {}", rule.code);
            let retired = RETIRED.iter().find(|r| r.code == rule.code);
            assert!(
                retired.is_none(),
                "{} was retired ({}): give the rule a new code",
                rule.code,
                retired.map_or("", |r| r.why)
            );
        }
    }

    #[test]
    fn every_published_code_is_a_rule_or_retired_and_every_rule_is_published() {
        let rules: BTreeSet<&str> = crate::rules::all().map(|r| r.code).collect();
        for code in PUBLISHED {
            assert!(
                rules.contains(code) || RETIRED.iter().any(|r| r.code == *code),
                "{code} is published but no rule has it: list it in RETIRED with the reason"
            );
        }
        for code in &rules {
            assert!(
                PUBLISHED.contains(code),
                "{code} is new: add it to PUBLISHED"
            );
        }
        for retired in RETIRED {
            assert!(
                PUBLISHED.contains(&retired.code) && !retired.why.is_empty(),
                "{}",
                retired.code
            );
        }
    }
}
