//! The table `domain::phone` reads a typed number with, made from libphonenumber's metadata
//! (the `phonenumber` crate, a dev-dependency only) and checked against it.
//!
//! The crate decides a number by running regular expressions from its metadata: the national
//! number's country (for a calling code shared by several, the first whose leading digits or
//! types fit), then its type, in libphonenumber's order (premium rate, toll free, shared cost,
//! VoIP, personal, pager, UAN, voicemail, fixed line, mobile), each type a pattern that must
//! match the whole national number and a set of lengths (the crate matches only the number's
//! start; libphonenumber, and this table, the whole). Every one of those patterns is a regular
//! language over digits, so their whole decision is one finite automaton over the digits after
//! `+`: this file builds it (one `regex-automata` DFA per pattern, run side by side over every
//! digit string up to libphonenumber's 17 national digits, then minimised) and writes it as a
//! transition table. A function then links 10 × states numbers and a loop, not a regex engine.
//!
//! `cargo test -p shared --test phone_table` fails when the table differs from the crate's
//! metadata (after an update of `phonenumber` in Cargo.lock); `PZ_WRITE_PHONE_TABLE=1` writes
//! it anew.

use std::collections::HashMap;

use phonenumber::metadata::{Descriptor, Metadata, DATABASE};
use regex_automata::dfa::{dense, Automaton};
use regex_automata::util::primitives::StateID;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, MatchKind};

use shared::domain::phone::{self, Kind};

const TABLE: &str = "src/domain/phone/table.rs";
/// libphonenumber's longest national number.
const MAX_NATIONAL: usize = 17;

/// What a whole number is: `Kind` as a number, the table's.
fn kind_code(kind: Kind) -> u8 {
    match kind {
        Kind::Invalid => 0,
        Kind::NotMobile => 1,
        Kind::Mobile => 2,
    }
}

/// One pattern run from the first digit: its DFA and the lengths it allows.
struct Pattern {
    dfa: dense::DFA<Vec<u32>>,
    start: StateID,
    lengths: Vec<u16>,
    /// Leading digits: a match of the number's start is enough. A type's pattern must match
    /// the whole national number (libphonenumber's `matches()`).
    prefix: bool,
}

impl Pattern {
    fn new(regex: &str, lengths: &[u16], prefix: bool) -> Self {
        let dfa = dense::Builder::new()
            .syntax(syntax::Config::new().ignore_whitespace(true).unicode(false).utf8(false))
            .configure(
                dense::Config::new().match_kind(MatchKind::All).start_kind(regex_automata::dfa::StartKind::Anchored),
            )
            .build(regex)
            .unwrap_or_else(|e| panic!("{regex}: {e}"));
        let start = dfa.start_state_forward(&Input::new("").anchored(Anchored::Yes)).expect("start");
        Pattern { dfa, start, lengths: lengths.to_vec(), prefix }
    }

    fn of(desc: &Descriptor) -> Self {
        Self::new(desc.national_number().as_str(), desc.possible_length(), false)
    }

    /// Whether the digits read so far are a whole match.
    fn matches_here(&self, state: StateID) -> bool {
        self.dfa.is_match_state(self.dfa.next_eoi_state(state))
    }
}

/// One country of a calling code, as the crate reads it.
struct Region {
    /// Only when the calling code has several countries.
    leading: Option<Pattern>,
    general: Pattern,
    /// Premium rate … voicemail: a number of one of these is not a mobile one.
    before: Vec<Pattern>,
    fixed: Option<Pattern>,
    mobile: Option<Pattern>,
    same_fixed_and_mobile: bool,
}

impl Region {
    fn new(meta: &Metadata, shared: bool) -> Self {
        let d = meta.descriptors();
        let before = before_fixed_line(meta).into_iter().flatten().map(Pattern::of).collect();
        Region {
            leading: if shared { meta.leading_digits().map(|r| Pattern::new(r.as_str(), &[], true)) } else { None },
            general: Pattern::of(d.general()),
            before,
            fixed: d.fixed_line().map(Pattern::of),
            mobile: d.mobile().map(Pattern::of),
            same_fixed_and_mobile: d.fixed_line().map(|f| f.national_number().as_str())
                == d.mobile().map(|m| m.national_number().as_str()),
        }
    }

    fn patterns(&self) -> impl Iterator<Item = &Pattern> {
        self.leading.iter().chain([&self.general]).chain(&self.before).chain(&self.fixed).chain(&self.mobile)
    }
}

/// The types libphonenumber tries before fixed line and mobile, in its order: a number of one
/// of them takes no SMS.
fn before_fixed_line(meta: &Metadata) -> [Option<&Descriptor>; 8] {
    let d = meta.descriptors();
    [d.premium_rate(), d.toll_free(), d.shared_cost(), d.voip(), d.personal_number(), d.pager(), d.uan(), d.voicemail()]
}

/// Where each pattern's DFA is, and whether some prefix read so far matched it whole.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Walk {
    len: usize,
    at: Vec<(StateID, bool)>,
}

/// The national numbers of one calling code, as a DFA over digits: states, with 10 targets
/// each (`None`: nothing valid follows) and what a number ending there is.
fn country(code: u16) -> (Vec<[Option<usize>; 10]>, Vec<Kind>) {
    let metas = DATABASE.by_code(&code).expect("a calling code of the metadata");
    let ids = DATABASE.region(&code).expect("its regions");
    let shared = ids.len() > 1;
    // `source_for`: several regions in the order of `region()`, one otherwise (001: the first).
    let regions: Vec<Region> = if shared {
        ids.iter().map(|id| Region::new(DATABASE.by_id(*id).expect("region"), true)).collect()
    } else {
        vec![Region::new(metas[0], false)]
    };
    let patterns: Vec<&Pattern> = regions.iter().flat_map(Region::patterns).collect();
    let first = Walk { len: 0, at: patterns.iter().map(|p| (p.start, p.matches_here(p.start))).collect() };
    let mut index: HashMap<Walk, usize> = HashMap::from([(first.clone(), 0)]);
    let mut walks = vec![first];
    let mut next = Vec::new();
    let mut i = 0;
    while i < walks.len() {
        let walk = walks[i].clone();
        let mut row = [None; 10];
        if walk.len < MAX_NATIONAL {
            for digit in 0..10u8 {
                let at: Vec<(StateID, bool)> = walk
                    .at
                    .iter()
                    .zip(&patterns)
                    .map(|(&(state, matched), p)| {
                        let to = p.dfa.next_state(state, b'0' + digit);
                        (to, (p.prefix && matched) || p.matches_here(to))
                    })
                    .collect();
                // No type's pattern can match this number or a longer one: none is valid.
                if at.iter().zip(&patterns).all(|(&(s, _), p)| p.prefix || p.dfa.is_dead_state(s)) {
                    continue;
                }
                let to = Walk { len: walk.len + 1, at };
                let n = *index.entry(to.clone()).or_insert_with(|| {
                    walks.push(to);
                    walks.len() - 1
                });
                row[digit as usize] = Some(n);
            }
        }
        next.push(row);
        i += 1;
    }
    let kinds = walks.iter().map(|w| kind(&regions, w)).collect();
    (next, kinds)
}

/// What the crate says a national number of this length, with these patterns matched, is.
fn kind(regions: &[Region], walk: &Walk) -> Kind {
    let mut flags = walk.at.iter().map(|&(_, m)| m);
    let len = walk.len as u16;
    let mut is = |p: &Pattern| {
        let matched = flags.next().unwrap_or(false);
        matched && (p.lengths.is_empty() || p.lengths.contains(&len))
    };
    let mut chosen = None;
    for region in regions {
        let leading = region.leading.as_ref().map(&mut is);
        let general = is(&region.general);
        // Every pattern reads its own flag, in order: no short cut.
        let before = region.before.iter().map(&mut is).collect::<Vec<bool>>().contains(&true);
        let fixed = region.fixed.as_ref().map(&mut is).unwrap_or(false);
        let mobile = region.mobile.as_ref().map(&mut is).unwrap_or(false);
        // validator::number_type
        let kind = if !general {
            None
        } else if before {
            Some(Kind::NotMobile)
        } else if fixed {
            Some(if region.same_fixed_and_mobile || mobile { Kind::Mobile } else { Kind::NotMobile })
        } else if mobile {
            Some(Kind::Mobile)
        } else {
            None
        };
        // validator::source_for: the first region whose leading digits fit, or (one without
        // them) whose type is known.
        if chosen.is_none() {
            let picked = match (regions.len(), &region.leading) {
                (1, _) => true,
                (_, Some(_)) => leading == Some(true),
                (_, None) => kind.is_some(),
            };
            if picked {
                chosen = Some(kind.unwrap_or(Kind::Invalid));
            }
        }
    }
    chosen.unwrap_or(Kind::Invalid)
}

/// The whole table: calling codes then national numbers, minimised.
fn build() -> (Vec<[u32; 10]>, Vec<u8>) {
    // State 0: nothing read; 1: dead. Calling codes as a trie, then each country's DFA.
    let mut next: Vec<[Option<usize>; 10]> = vec![[None; 10]];
    let mut kinds: Vec<Kind> = vec![Kind::Invalid];
    for code in 1..1000u16 {
        if DATABASE.region(&code).is_none() {
            continue;
        }
        let digits: Vec<usize> = code.to_string().bytes().map(|b| (b - b'0') as usize).collect();
        let mut at = 0;
        for &d in &digits[..digits.len() - 1] {
            at = match next[at][d] {
                Some(n) => n,
                None => {
                    next.push([None; 10]);
                    kinds.push(Kind::Invalid);
                    next[at][d] = Some(next.len() - 1);
                    next.len() - 1
                }
            };
        }
        let (rows, country_kinds) = country(code);
        let offset = next.len();
        next[at][*digits.last().unwrap()] = Some(offset);
        next.extend(rows.into_iter().map(|row| row.map(|t| t.map(|t| t + offset))));
        kinds.extend(country_kinds);
    }
    minimise(&next, &kinds)
}

/// Moore's partition refinement; state 0 stays the start, a dead state is added for `None`.
fn minimise(next: &[[Option<usize>; 10]], kinds: &[Kind]) -> (Vec<[u32; 10]>, Vec<u8>) {
    let dead = next.len();
    let target = |s: usize, d: usize| if s == dead { dead } else { next[s][d].unwrap_or(dead) };
    let kind_of = |s: usize| if s == dead { 0 } else { kind_code(kinds[s]) };
    let n = next.len() + 1;
    let mut class: Vec<usize> = (0..n).map(kind_of).map(usize::from).collect();
    loop {
        let mut ids: HashMap<(usize, [usize; 10]), usize> = HashMap::new();
        let refined: Vec<usize> = (0..n)
            .map(|s| {
                let key = (class[s], std::array::from_fn(|d| class[target(s, d)]));
                let len = ids.len();
                *ids.entry(key).or_insert(len)
            })
            .collect();
        let same = ids.len() == class.iter().collect::<std::collections::HashSet<_>>().len();
        class = refined;
        if same {
            break;
        }
    }
    // Number the classes in the order first reached from the start (breadth first), so the
    // table is the same on every run.
    let mut order: HashMap<usize, u32> = HashMap::from([(class[0], 0)]);
    let mut queue = vec![0usize];
    let mut rows = Vec::new();
    let mut out_kinds = Vec::new();
    let mut i = 0;
    while i < queue.len() {
        let s = queue[i];
        let row = std::array::from_fn(|d| {
            let t = target(s, d);
            let len = order.len() as u32;
            *order.entry(class[t]).or_insert_with(|| {
                queue.push(t);
                len
            })
        });
        rows.push(row);
        out_kinds.push(kind_of(s));
        i += 1;
    }
    (rows, out_kinds)
}

fn render(rows: &[[u32; 10]], kinds: &[u8]) -> String {
    let mut s = String::from(
        "//! Written by `shared/tests/phone_table.rs` from libphonenumber's metadata (the `phonenumber`\n\
         //! crate in Cargo.lock); do not edit. `NEXT[state * 10 + digit]` is the next state, reading the\n\
         //! digits after `+`; `KIND[state]`: 0 not a number, 1 a number that takes no SMS, 2 mobile.\n\n",
    );
    s.push_str(&format!("pub(super) static NEXT: [u16; {}] = [\n", rows.len() * 10));
    for row in rows {
        let cells: Vec<String> = row.iter().map(u32::to_string).collect();
        s.push_str(&format!("    {},\n", cells.join(", ")));
    }
    s.push_str("];\n\n");
    s.push_str(&format!("pub(super) static KIND: [u8; {}] = [\n", kinds.len()));
    for chunk in kinds.chunks(40) {
        let cells: Vec<String> = chunk.iter().map(u8::to_string).collect();
        s.push_str(&format!("    {},\n", cells.join(", ")));
    }
    s.push_str("];\n");
    s
}

#[test]
fn the_table_is_the_metadata_of_the_locked_phonenumber_crate() {
    let (rows, kinds) = build();
    assert!(rows.len() < u16::MAX as usize, "{} states", rows.len());
    let text = render(&rows, &kinds);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(TABLE);
    if std::env::var_os("PZ_WRITE_PHONE_TABLE").is_some() {
        std::fs::write(&path, &text).expect("write the table");
    }
    let written = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        written == text,
        "{TABLE} is not the locked crate's metadata: run with PZ_WRITE_PHONE_TABLE=1 ({} states)",
        rows.len()
    );
}

#[test]
fn the_calling_code_rule_agrees_with_the_metadata() {
    let mut checked = 0;
    for code in 1..1000u16 {
        let Some(id) = DATABASE.region(&code).and_then(|r| r.first().map(|s| s.to_string())) else {
            continue;
        };
        let digits = format!("{code}000000000");
        assert_eq!(phone::country_code_len(&digits), code.to_string().len(), "+{code} ({id})");
        checked += 1;
    }
    assert!(checked > 200, "{checked}");
}

/// What `PhoneNumber::parse` answered with the `phonenumber` crate itself (until the table
/// replaced it), the reference the table is held to, with two of the crate's slips mended:
/// - its `PhoneNumber::number_type` drops the national number's leading zeros, so mobile
///   numbers of Côte d'Ivoire, Benin or Congo (`+225 01…`, `+229 01…`, `+242 06…`) came out
///   as "takes no SMS": here the type is the crate's own `validator::number_type` (not public,
///   so spelled out below from its public parts) of the whole national number;
///   (its `PhoneNumber::metadata` too: an Italian `+39 06…` was no number at all);
/// - it takes a type's pattern matching the start of a number for a match, so a number with
///   a digit too many passed where that length is allowed (`+31 6 1234 5678 79`): here, as in
///   libphonenumber, the pattern matches the whole national number;
/// - given a Polish national number starting `48` it strips that as a calling code: here a
///   national number is always `+48` and it.
///
/// And refused as no number, where the crate was lenient: a number longer than E.164's 15
/// digits, and `+0…` (no calling code starts with 0; the crate reads `+00…` as `00…`).
fn with_the_crate(input: &str) -> Result<String, &'static str> {
    use phonenumber::{country::Id, Mode};
    let compact: String = input.chars().filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '.' | '\u{a0}')).collect();
    if compact.is_empty() || compact.len() > 20 {
        return Err("phone_format");
    }
    let international = if let Some(rest) = compact.strip_prefix("00") {
        format!("+{rest}")
    } else if compact.len() == 11 && compact.starts_with("48") || compact.starts_with('+') {
        format!("+{}", compact.trim_start_matches('+'))
    } else {
        format!("+48{compact}")
    };
    let digits = &international[1..];
    if !digits.bytes().all(|b| b.is_ascii_digit()) || compact.starts_with("++") {
        return Err("phone_format");
    }
    if digits.len() > 15 || digits.starts_with('0') {
        return Err("phone_format");
    }
    let number = phonenumber::parse(Some(Id::PL), &international).map_err(|_| "phone_format")?;
    if number.extension().is_some() {
        return Err("phone_format");
    }
    let national = number.national().to_string();
    let meta = region(number.code().value(), &national).ok_or("phone_format")?;
    match number_type(meta, &national) {
        None => return Err("phone_format"),
        Some(false) => return Err("phone_not_mobile"),
        Some(true) => {}
    }
    let e164 = number.format().mode(Mode::E164).to_string();
    shared::domain::PhoneNumber::from_e164(&e164).map(|p| p.e164().to_owned()).map_err(|_| "phone_format")
}

/// `Descriptor::is_match` as libphonenumber means it: an allowed length, and the pattern
/// matching the whole national number (the crate takes a match of its start).
fn matches_whole(desc: &Descriptor, national: &str) -> bool {
    use std::sync::{Mutex, OnceLock};
    static WHOLE: OnceLock<Mutex<HashMap<String, regex::Regex>>> = OnceLock::new();
    if !desc.possible_length().is_empty() && !desc.possible_length().contains(&(national.len() as u16)) {
        return false;
    }
    let pattern = desc.national_number().as_str();
    let mut cache = WHOLE.get_or_init(Default::default).lock().expect("cache");
    let whole = cache.entry(pattern.to_owned()).or_insert_with(|| {
        regex::RegexBuilder::new(&format!("^(?:{pattern})$")).ignore_whitespace(true).build().expect("pattern")
    });
    whole.is_match(national)
}

/// The crate's `validator::source_for`: the country of a national number.
fn region(code: u16, national: &str) -> Option<&'static Metadata> {
    let ids = DATABASE.region(&code)?;
    if ids.len() == 1 {
        return DATABASE.by_code(&code)?.into_iter().next();
    }
    ids.into_iter().map(|id| DATABASE.by_id(id).expect("region")).find(|meta| match meta.leading_digits() {
        Some(leading) => leading.find(national).is_some_and(|m| m.start() == 0),
        None => number_type(meta, national).is_some(),
    })
}

/// The crate's `validator::number_type`: none for `Unknown`, else whether it is `Mobile` or
/// `FixedLineOrMobile`.
fn number_type(meta: &Metadata, national: &str) -> Option<bool> {
    let d = meta.descriptors();
    let is = |desc: Option<&Descriptor>| desc.is_some_and(|d| matches_whole(d, national));
    let before = before_fixed_line(meta);
    if !matches_whole(d.general(), national) {
        return None;
    }
    if before.into_iter().any(is) {
        return Some(false);
    }
    let same = d.fixed_line().map(|f| f.national_number().as_str()) == d.mobile().map(|m| m.national_number().as_str());
    if is(d.fixed_line()) {
        return Some(same || is(d.mobile()));
    }
    is(d.mobile()).then_some(true)
}

fn with_the_table(input: &str) -> Result<String, &'static str> {
    shared::domain::PhoneNumber::parse(input).map(|p| p.e164().to_owned()).map_err(|e| e.code)
}

/// A small deterministic generator (xorshift64*), so a failure can be run again.
struct Digits(u64);

impl Digits {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % below
    }

    fn digits(&mut self, n: usize) -> String {
        (0..n).map(|_| char::from(b'0' + self.next(10) as u8)).collect()
    }
}

#[test]
fn the_table_answers_as_the_crate_on_every_example_number_and_many_others() {
    let mut inputs: Vec<String> = Vec::new();
    let mut rng = Digits(0x9e37_79b9_7f4a_7c15);
    // Every calling code's metadata (`DATABASE.iter()` holds one of the non-geographic ones).
    for meta in (1..1000u16).filter_map(|code| DATABASE.by_code(&code)).flatten() {
        let code = meta.country_code();
        let d = meta.descriptors();
        let examples = [
            Some(d.general()),
            d.fixed_line(),
            d.mobile(),
            d.toll_free(),
            d.premium_rate(),
            d.shared_cost(),
            d.personal_number(),
            d.voip(),
            d.pager(),
            d.uan(),
            d.voicemail(),
        ];
        for example in examples.into_iter().flatten().filter_map(Descriptor::example) {
            inputs.push(format!("+{code} {example}"));
            inputs.push(format!("00{code}{example}"));
            // The same number with a digit changed, one added, one taken away, its national prefix.
            for _ in 0..12 {
                let mut digits: Vec<u8> = example.bytes().collect();
                let at = rng.next(digits.len() as u64) as usize;
                match rng.next(3) {
                    0 => digits[at] = b'0' + rng.next(10) as u8,
                    1 => digits.insert(at, b'0' + rng.next(10) as u8),
                    _ => drop(digits.remove(at)),
                }
                inputs.push(format!("+{code}{}", String::from_utf8_lossy(&digits)));
            }
            if let Some(prefix) = meta.national_prefix() {
                inputs.push(format!("+{code} {prefix}{example}"));
            }
            // Numbers that start like the example and go on at random, of every length.
            for keep in 1..example.len().min(5) {
                for len in keep..=MAX_NATIONAL {
                    inputs.push(format!("+{code}{}{}", &example[..keep], rng.digits(len - keep)));
                }
            }
        }
    }
    // Polish forms, unused calling codes, noise.
    for _ in 0..3000 {
        let n = rng.digits(9);
        inputs.extend([n.clone(), format!("48{n}"), format!("0048 {n}"), format!("+48{n}"), format!("0{n}")]);
        let len = 1 + rng.next(17) as usize;
        inputs.push(format!("+{}", rng.digits(len)));
        inputs.push(rng.digits(len));
    }
    inputs.extend(
        ["+", "00", "+0", "+48", "+1", "+999 123 456 789", "+48 000 000 000", "+39 06 1234 5678"].map(String::from),
    );
    let mut differ = Vec::new();
    for input in &inputs {
        let (crate_says, table_says) = (with_the_crate(input), with_the_table(input));
        if crate_says != table_says {
            differ.push(format!("{input}: crate {crate_says:?}, table {table_says:?}"));
        }
    }
    let mobile = inputs.iter().filter(|i| with_the_table(i).is_ok()).count();
    assert!(
        differ.is_empty(),
        "{} of {} differ:\n{}",
        differ.len(),
        inputs.len(),
        differ[..differ.len().min(40)].join("\n")
    );
    assert!(inputs.len() > 100_000 && mobile > 4_000, "{} inputs, {mobile} mobile", inputs.len());
}
