//! Instances built in code rather than read from a file, and solutions read back by index.
//!
//! A caller with ids of its own adds people, spots and requests to an [`InstanceBuilder`] and
//! keeps the index each one answers; the builder names them for the file format, and
//! [`Instance::placements`] turns a solution's assignments back into those indices. A built
//! instance passes the same [`check_instance`] as one read by `parse_instance`.

use std::collections::HashMap;

use super::model::{
    Horizon, INSTANCE_FORMAT, Instance, InstanceError, Interval, Mode, Person, Request, Solution,
    Spot, check_instance,
};

/// A request to add: who meets (indices of people already added), for how many slots, how
/// much it is worth and in which kind of spot.
#[derive(Debug, Clone, PartialEq)]
pub struct NewRequest {
    pub participants: Vec<usize>,
    /// One of the participants, when the request has a host.
    pub host: Option<usize>,
    pub duration: u32,
    pub weight: u32,
    pub mode: Mode,
}

/// Builds an [`Instance`] one person, spot and request at a time.
#[derive(Debug, Clone)]
pub struct InstanceBuilder {
    instance: Instance,
}

impl InstanceBuilder {
    pub fn new(name: impl Into<String>, horizon: Horizon) -> Self {
        Self {
            instance: Instance {
                format: INSTANCE_FORMAT.into(),
                name: name.into(),
                generator: None,
                horizon,
                people: Vec::new(),
                spots: Vec::new(),
                requests: Vec::new(),
            },
        }
    }

    /// Adds a person free in the `available` slot intervals; answers their index.
    pub fn person(&mut self, available: Vec<Interval>) -> usize {
        let index = self.instance.people.len();
        self.instance.people.push(Person {
            id: person_id(index),
            org: String::new(),
            team: None,
            available: Some(available),
            max_meetings: None,
        });
        index
    }

    /// Adds a spot of `kind` (`"virtual"` or an in-person kind such as `"table"`) for
    /// `capacity` people, open in the `available` slot intervals; answers its index.
    pub fn spot(&mut self, kind: &str, capacity: u32, available: Vec<Interval>) -> usize {
        let index = self.instance.spots.len();
        self.instance.spots.push(Spot {
            id: format!("s{index}"),
            kind: kind.to_string(),
            capacity,
            available: Some(available),
        });
        index
    }

    /// Adds a request; answers its index.
    pub fn request(&mut self, request: NewRequest) -> usize {
        let index = self.instance.requests.len();
        self.instance.requests.push(Request {
            id: format!("r{index}"),
            host: request.host.map(person_id),
            participants: request.participants.into_iter().map(person_id).collect(),
            duration: request.duration,
            weight: request.weight,
            mode: request.mode,
            window: None,
            fixed: None,
        });
        index
    }

    /// The instance, once it passes the checks every instance passes.
    pub fn build(self) -> Result<Instance, InstanceError> {
        check_instance(&self.instance)?;
        Ok(self.instance)
    }
}

fn person_id(index: usize) -> String {
    format!("p{index}")
}

/// One scheduled request by index: `requests[request]` starts at slot `start` in
/// `spots[spot]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    pub request: usize,
    pub start: u32,
    pub spot: usize,
}

impl Instance {
    /// The assignments of `solution` (a solution of this instance) by index into `requests`
    /// and `spots`, in the solution's order; an assignment naming an id this instance does not
    /// have is left out.
    pub fn placements(&self, solution: &Solution) -> Vec<Placement> {
        let requests = index_by_id(self.requests.iter().map(|r| r.id.as_str()));
        let spots = index_by_id(self.spots.iter().map(|s| s.id.as_str()));
        solution
            .assignments
            .iter()
            .filter_map(|a| {
                Some(Placement {
                    request: *requests.get(a.request.as_str())?,
                    start: a.start,
                    spot: *spots.get(a.spot.as_str())?,
                })
            })
            .collect()
    }
}

fn index_by_id<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<&'a str, usize> {
    ids.enumerate().map(|(i, id)| (id, i)).collect()
}

#[cfg(test)]
mod tests {
    use super::super::model::parse_instance;
    use super::super::solver::{SolveOptions, solve};
    use super::*;

    fn horizon(num_slots: u32) -> Horizon {
        Horizon {
            slot_minutes: Some(30),
            num_slots,
            days: Some(vec![[0, num_slots]]),
        }
    }

    fn pair(a: usize, b: usize, duration: u32, mode: Mode) -> NewRequest {
        NewRequest {
            participants: vec![a, b],
            host: Some(a),
            duration,
            weight: 1,
            mode,
        }
    }

    #[test]
    fn a_built_instance_is_the_one_its_file_describes() {
        let mut b = InstanceBuilder::new("built", horizon(4));
        let ana = b.person(vec![[0, 4]]);
        let bo = b.person(vec![[1, 3]]);
        b.spot("table", 2, vec![[0, 4]]);
        b.request(pair(ana, bo, 2, Mode::Any));
        let built = b.build().expect("valid");
        let text = serde_json::json!({
            "format": "p2p-sched/1", "name": "built",
            "horizon": {"slot_minutes": 30, "num_slots": 4, "days": [[0, 4]]},
            "people": [{"id": "p0", "available": [[0, 4]]}, {"id": "p1", "available": [[1, 3]]}],
            "spots": [{"id": "s0", "kind": "table", "capacity": 2, "available": [[0, 4]]}],
            "requests": [{"id": "r0", "host": "p0", "participants": ["p0", "p1"],
                          "duration": 2, "weight": 1, "mode": "any"}]
        });
        assert_eq!(parse_instance(&text.to_string()).expect("valid"), built);
    }

    #[test]
    fn building_runs_the_same_checks_as_parsing() {
        let mut b = InstanceBuilder::new("bad", horizon(4));
        let ana = b.person(vec![[0, 4]]);
        b.request(pair(ana, 7, 1, Mode::InPerson));
        let e = b.build().expect_err("an unknown person");
        assert_eq!(e.path(), "requests[0].participants[1]");

        let mut b = InstanceBuilder::new("bad", horizon(4));
        b.spot("table", 0, vec![[0, 4]]);
        assert_eq!(
            b.build().expect_err("capacity 0").path(),
            "spots[0].capacity"
        );
    }

    #[test]
    fn placements_name_requests_and_spots_by_index() {
        let mut b = InstanceBuilder::new("two rooms", horizon(2));
        let people: Vec<usize> = (0..4).map(|_| b.person(vec![[0, 2]])).collect();
        let table = b.spot("table", 2, vec![[0, 2]]);
        let video = b.spot("virtual", 2, vec![[0, 2]]);
        let in_person = b.request(pair(people[0], people[1], 2, Mode::InPerson));
        let online = b.request(pair(people[2], people[3], 2, Mode::Virtual));
        let instance = b.build().expect("valid");
        let options = SolveOptions {
            time_limit: std::time::Duration::from_secs(1),
            ..SolveOptions::default()
        };
        let result = solve(&instance, &options, &mut |_| {});
        let mut placed = instance.placements(&result.solution);
        placed.sort_by_key(|p| p.request);
        assert_eq!(
            placed,
            [
                Placement {
                    request: in_person,
                    start: 0,
                    spot: table
                },
                Placement {
                    request: online,
                    start: 0,
                    spot: video
                },
            ]
        );
    }
}
