//! The `p2p-sched/1` instance and `p2p-sched-solution/1` solution formats (see
//! `bench/scheduling/FORMAT.md`), read and written with serde, and the consistency checks that
//! turn a parsed file into an [`Instance`] the solver can trust.
//!
//! Times are slot indices; intervals are half-open `[start, end)`.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

/// The exact `format` string of an instance file.
pub const INSTANCE_FORMAT: &str = "p2p-sched/1";
/// The exact `format` string of a solution file.
pub const SOLUTION_FORMAT: &str = "p2p-sched-solution/1";

/// A half-open slot interval `[start, end)`, written as a two-element JSON array.
pub type Interval = [u32; 2];

/// A scheduling problem: people, spots and meeting requests over a horizon of slots.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Instance {
    pub format: String,
    #[serde(default)]
    pub name: String,
    /// Informative metadata about how the instance was made; kept as is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generator: Option<serde_json::Value>,
    pub horizon: Horizon,
    pub people: Vec<Person>,
    pub spots: Vec<Spot>,
    pub requests: Vec<Request>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Horizon {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slot_minutes: Option<u32>,
    pub num_slots: u32,
    /// A meeting must lie inside one of these ranges; absent means one day over the horizon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<Vec<Interval>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Person {
    pub id: String,
    #[serde(default)]
    pub org: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// Slots this person can meet; absent means the whole horizon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available: Option<Vec<Interval>>,
    /// Hard cap on the number of scheduled meetings this person takes part in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_meetings: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Spot {
    pub id: String,
    /// `"virtual"` or any in-person kind (`"table"`, `"room"`, ...).
    pub kind: String,
    pub capacity: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available: Option<Vec<Interval>>,
}

impl Spot {
    pub fn is_virtual(&self) -> bool {
        self.kind == "virtual"
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, Default)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    #[default]
    InPerson,
    Virtual,
    Any,
}

impl Mode {
    /// The name used in the file format.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::InPerson => "in_person",
            Mode::Virtual => "virtual",
            Mode::Any => "any",
        }
    }

    /// Whether a meeting in this mode may use a spot of the given virtual-ness.
    pub fn fits(self, spot_is_virtual: bool) -> bool {
        match self {
            Mode::Any => true,
            Mode::Virtual => spot_is_virtual,
            Mode::InPerson => !spot_is_virtual,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Request {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    pub participants: Vec<String>,
    #[serde(default = "one")]
    pub duration: u32,
    #[serde(default = "one")]
    pub weight: u32,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<Interval>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed: Option<Fixed>,
}

fn one() -> u32 {
    1
}

/// An already-confirmed meeting that must stay where it is.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Fixed {
    pub start: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spot: Option<String>,
}

/// One scheduled request.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Assignment {
    pub request: String,
    pub start: u32,
    pub spot: String,
}

/// How good the solver knows its solution to be.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "UPPERCASE")]
pub enum Status {
    /// The objective equals a proven upper bound.
    Optimal,
    Feasible,
    Heuristic,
    Infeasible,
    Unknown,
}

/// A `p2p-sched-solution/1` document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Solution {
    pub format: String,
    pub instance: String,
    #[serde(default)]
    pub solver: serde_json::Value,
    pub status: Status,
    pub objective: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wall_seconds: Option<f64>,
    pub assignments: Vec<Assignment>,
}

impl Solution {
    /// The solution as pretty JSON text (the `p2p-sched-solution/1` format).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a solution always serializes")
    }
}

/// Why an instance could not be read.
#[derive(Debug, thiserror::Error)]
pub enum InstanceError {
    /// The text is not JSON of the expected shape; `path` is the JSON path of the offending
    /// value (for example `requests[3].duration`).
    #[error("{path}: {message}")]
    Json { path: String, message: String },
    /// The JSON has the right shape but is inconsistent (unknown ids, empty windows, ...).
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
}

impl InstanceError {
    /// The JSON path the error is about.
    pub fn path(&self) -> &str {
        match self {
            InstanceError::Json { path, .. } | InstanceError::Invalid { path, .. } => path,
        }
    }

    fn invalid(path: impl Into<String>, message: impl Into<String>) -> Self {
        InstanceError::Invalid {
            path: path.into(),
            message: message.into(),
        }
    }
}

/// Reads a `p2p-sched/1` instance and checks that it is consistent.
///
/// Errors name the JSON path of the offending value (shape errors come from
/// `serde_path_to_error`; consistency errors name the path and the id involved).
pub fn parse_instance(json: &str) -> Result<Instance, InstanceError> {
    let de = &mut serde_json::Deserializer::from_str(json);
    let instance: Instance = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        InstanceError::Json {
            path: if path.is_empty() { ".".into() } else { path },
            message: e.into_inner().to_string(),
        }
    })?;
    check_instance(&instance)?;
    Ok(instance)
}

fn check_intervals(path: &str, intervals: &[Interval]) -> Result<(), InstanceError> {
    for (i, iv) in intervals.iter().enumerate() {
        if iv[0] >= iv[1] {
            return Err(InstanceError::invalid(
                format!("{path}[{i}]"),
                format!("interval [{}, {}] is empty or inverted", iv[0], iv[1]),
            ));
        }
    }
    Ok(())
}

fn unique_ids<'a>(
    what: &str,
    ids: impl Iterator<Item = &'a str>,
) -> Result<HashMap<&'a str, usize>, InstanceError> {
    let mut map = HashMap::new();
    for (i, id) in ids.enumerate() {
        if id.is_empty() {
            return Err(InstanceError::invalid(
                format!("{what}[{i}].id"),
                "id is empty",
            ));
        }
        if let Some(first) = map.insert(id, i) {
            return Err(InstanceError::invalid(
                format!("{what}[{i}].id"),
                format!("duplicate id {id:?} (first at {what}[{first}])"),
            ));
        }
    }
    Ok(map)
}

/// The consistency rules every instance must follow (run by [`parse_instance`] and by
/// [`super::InstanceBuilder::build`]).
///
/// Fixed requests are checked one by one (their start and spot must be feasible) and against
/// each other (no person or spot double-booked, no `max_meetings` exceeded), so that the empty
/// schedule plus the fixed meetings is always a valid solution.
pub fn check_instance(inst: &Instance) -> Result<(), InstanceError> {
    if inst.format != INSTANCE_FORMAT {
        return Err(InstanceError::invalid(
            "format",
            format!("format is {:?}, expected {INSTANCE_FORMAT:?}", inst.format),
        ));
    }
    let s = inst.horizon.num_slots;
    if s == 0 {
        return Err(InstanceError::invalid(
            "horizon.num_slots",
            "the horizon needs at least one slot",
        ));
    }
    if s > 1 << 15 {
        return Err(InstanceError::invalid(
            "horizon.num_slots",
            format!("{s} slots is more than the supported 32768"),
        ));
    }
    if let Some(days) = &inst.horizon.days {
        check_intervals("horizon.days", days)?;
        for (i, d) in days.iter().enumerate() {
            if d[1] > s {
                return Err(InstanceError::invalid(
                    format!("horizon.days[{i}]"),
                    format!("day [{}, {}] ends after num_slots {s}", d[0], d[1]),
                ));
            }
            for (j, e) in days.iter().enumerate().take(i) {
                if d[0] < e[1] && e[0] < d[1] {
                    return Err(InstanceError::invalid(
                        format!("horizon.days[{i}]"),
                        format!("day overlaps horizon.days[{j}]"),
                    ));
                }
            }
        }
    }
    let people = unique_ids("people", inst.people.iter().map(|p| p.id.as_str()))?;
    let spots = unique_ids("spots", inst.spots.iter().map(|p| p.id.as_str()))?;
    unique_ids("requests", inst.requests.iter().map(|p| p.id.as_str()))?;
    for (i, p) in inst.people.iter().enumerate() {
        if let Some(av) = &p.available {
            check_intervals(&format!("people[{i}].available"), av)?;
        }
    }
    for (i, sp) in inst.spots.iter().enumerate() {
        if sp.capacity == 0 {
            return Err(InstanceError::invalid(
                format!("spots[{i}].capacity"),
                format!("spot {:?} has capacity 0", sp.id),
            ));
        }
        if sp.kind.is_empty() {
            return Err(InstanceError::invalid(
                format!("spots[{i}].kind"),
                format!("spot {:?} has an empty kind", sp.id),
            ));
        }
        if let Some(av) = &sp.available {
            check_intervals(&format!("spots[{i}].available"), av)?;
        }
    }
    for (i, r) in inst.requests.iter().enumerate() {
        let at = |field: &str| format!("requests[{i}].{field}");
        if r.participants.is_empty() {
            return Err(InstanceError::invalid(
                at("participants"),
                format!("request {:?} has no participants", r.id),
            ));
        }
        let mut seen = HashSet::new();
        for (j, p) in r.participants.iter().enumerate() {
            if !people.contains_key(p.as_str()) {
                return Err(InstanceError::invalid(
                    format!("requests[{i}].participants[{j}]"),
                    format!("request {:?}: unknown person {p:?}", r.id),
                ));
            }
            if !seen.insert(p.as_str()) {
                return Err(InstanceError::invalid(
                    format!("requests[{i}].participants[{j}]"),
                    format!("request {:?}: person {p:?} listed twice", r.id),
                ));
            }
        }
        if let Some(h) = &r.host {
            if !people.contains_key(h.as_str()) {
                return Err(InstanceError::invalid(
                    at("host"),
                    format!("request {:?}: unknown host {h:?}", r.id),
                ));
            }
            if !seen.contains(h.as_str()) {
                return Err(InstanceError::invalid(
                    at("host"),
                    format!("request {:?}: host {h:?} is not a participant", r.id),
                ));
            }
        }
        if r.duration == 0 {
            return Err(InstanceError::invalid(
                at("duration"),
                format!("request {:?}: duration must be positive", r.id),
            ));
        }
        if r.weight == 0 {
            return Err(InstanceError::invalid(
                at("weight"),
                format!("request {:?}: weight must be positive", r.id),
            ));
        }
        if let Some(w) = &r.window
            && w[0] >= w[1]
        {
            return Err(InstanceError::invalid(
                at("window"),
                format!(
                    "request {:?}: window [{}, {}] is empty or inverted",
                    r.id, w[0], w[1]
                ),
            ));
        }
        if let Some(f) = &r.fixed
            && let Some(sp) = &f.spot
            && !spots.contains_key(sp.as_str())
        {
            return Err(InstanceError::invalid(
                at("fixed.spot"),
                format!("request {:?}: unknown spot {sp:?}", r.id),
            ));
        }
    }
    super::problem::check_fixed(inst)
        .map_err(|(i, message)| InstanceError::invalid(format!("requests[{i}].fixed"), message))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> serde_json::Value {
        serde_json::json!({
            "format": "p2p-sched/1",
            "name": "t",
            "horizon": {"num_slots": 8, "days": [[0, 8]]},
            "people": [{"id": "a", "org": "o"}, {"id": "b", "org": "o"}],
            "spots": [{"id": "s", "kind": "table", "capacity": 2}],
            "requests": [{"id": "r0", "participants": ["a", "b"], "duration": 1, "weight": 2}]
        })
    }

    fn err(v: serde_json::Value) -> InstanceError {
        parse_instance(&v.to_string()).expect_err("should be rejected")
    }

    #[test]
    fn parses_defaults() {
        let inst = parse_instance(&base().to_string()).unwrap();
        assert_eq!(inst.requests[0].mode, Mode::InPerson);
        assert_eq!(inst.requests[0].weight, 2);
    }

    #[test]
    fn shape_errors_name_the_path() {
        let mut v = base();
        v["requests"][0]["duration"] = serde_json::json!(-1);
        let e = err(v);
        assert!(matches!(e, InstanceError::Json { .. }));
        assert_eq!(e.path(), "requests[0].duration");
        let mut v = base();
        v["requests"][0]["mode"] = serde_json::json!("hybrid");
        assert_eq!(err(v).path(), "requests[0].mode");
        let mut v = base();
        v["spots"][0]["capacity"] = serde_json::json!("four");
        assert_eq!(err(v).path(), "spots[0].capacity");
    }

    #[test]
    fn consistency_errors_name_path_and_id() {
        let mut v = base();
        v["requests"][0]["participants"][1] = serde_json::json!("zed");
        let e = err(v);
        assert_eq!(e.path(), "requests[0].participants[1]");
        assert!(e.to_string().contains("\"zed\""));

        let mut v = base();
        v["requests"][0]["window"] = serde_json::json!([5, 3]);
        assert_eq!(err(v).path(), "requests[0].window");

        let mut v = base();
        v["requests"][0]["duration"] = serde_json::json!(0);
        assert_eq!(err(v).path(), "requests[0].duration");

        let mut v = base();
        v["people"][1]["id"] = serde_json::json!("a");
        let e = err(v);
        assert_eq!(e.path(), "people[1].id");
        assert!(e.to_string().contains("duplicate"));

        let mut v = base();
        v["spots"][0]["available"] = serde_json::json!([[3, 3]]);
        assert_eq!(err(v).path(), "spots[0].available[0]");

        let mut v = base();
        v["format"] = serde_json::json!("p2p-sched/2");
        assert_eq!(err(v).path(), "format");
    }

    #[test]
    fn fixed_requests_are_checked() {
        let mut v = base();
        v["requests"][0]["fixed"] = serde_json::json!({"start": 2, "spot": "nope"});
        assert_eq!(err(v).path(), "requests[0].fixed.spot");

        let mut v = base();
        v["requests"][0]["fixed"] = serde_json::json!({"start": 8});
        assert_eq!(err(v).path(), "requests[0].fixed");

        let mut v = base();
        v["requests"][0]["fixed"] = serde_json::json!({"start": 1, "spot": "s"});
        v["requests"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({"id": "r1", "participants": ["a"], "fixed": {"start": 1}}));
        let e = err(v);
        assert_eq!(e.path(), "requests[1].fixed");
    }
}
