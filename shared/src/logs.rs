//! The functions' logs: one JSON object per line, for CloudWatch —
//! `{"level":"INFO","fields":{"message":…},"target":…,"span":{"name":"request","request_id":…,"route":…}}`
//! — with the fields of the innermost span entered on the logging thread.
//!
//! A subscriber of its own rather than `tracing-subscriber`'s JSON formatter: that one keeps
//! its spans in a lock-free registry (`sharded-slab`, `thread_local`) and formats through
//! layers, which cost every function about 0.36 MB and 0.7 ms of start-up (BENCHMARKS.md,
//! issue 17). A function handles one request at a time, so a map under a mutex is enough;
//! the local gateway, which handles many, takes the same lock once per span and per line.
//!
//! The filter takes `RUST_LOG`'s level-and-target syntax (`info`, `debug,hyper=info`,
//! `aws_smithy_runtime=debug`): the most specific target prefix decides.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use serde_json::{Map, Value};
use tracing::field::{Field, Visit};
use tracing::level_filters::LevelFilter;
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Levels by target: the default, and per target prefix.
#[derive(Debug, Clone, PartialEq)]
pub struct Filter {
    default: LevelFilter,
    targets: Vec<(String, LevelFilter)>,
}

impl Filter {
    /// One level for every target.
    pub fn level(default: LevelFilter) -> Self {
        Self { default, targets: Vec::new() }
    }

    /// `info`, `debug,hyper=info,h2=info`, `warn,shared=debug`; `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        let mut filter = Self::level(LevelFilter::ERROR);
        let mut any = false;
        for directive in text.split(',').map(str::trim).filter(|d| !d.is_empty()) {
            any = true;
            match directive.split_once('=') {
                Some((target, level)) if !target.trim().is_empty() => {
                    filter.targets.push((target.trim().to_owned(), level_of(level)?));
                }
                Some(_) => return None,
                None => match level_of(directive) {
                    Some(level) => filter.default = level,
                    // A bare target means everything from it.
                    None if is_target(directive) => filter.targets.push((directive.to_owned(), LevelFilter::TRACE)),
                    None => return None,
                },
            }
        }
        // The longest prefix first: the most specific directive decides.
        filter.targets.sort_by_key(|(t, _)| std::cmp::Reverse(t.len()));
        any.then_some(filter)
    }

    fn level_for(&self, target: &str) -> LevelFilter {
        self.targets.iter().find(|(t, _)| target.starts_with(t.as_str())).map_or(self.default, |(_, l)| *l)
    }

    fn enabled(&self, meta: &Metadata<'_>) -> bool {
        *meta.level() <= self.level_for(meta.target())
    }

    fn max(&self) -> LevelFilter {
        self.targets.iter().map(|(_, l)| *l).fold(self.default, std::cmp::max)
    }
}

fn level_of(text: &str) -> Option<LevelFilter> {
    text.trim().parse().ok()
}

fn is_target(text: &str) -> bool {
    text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':' || c == '-')
}

struct SpanData {
    name: &'static str,
    fields: Map<String, Value>,
    refs: usize,
}

thread_local! {
    /// The spans entered on this thread, innermost last.
    static ENTERED: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

/// JSON lines to what `make_writer` gives, one `write_all` per line.
pub struct JsonLines<W> {
    filter: Filter,
    make_writer: W,
    spans: Mutex<HashMap<u64, SpanData>>,
    next_id: AtomicU64,
}

impl<W, T> JsonLines<W>
where
    W: Fn() -> T + Send + Sync + 'static,
    T: Write,
{
    pub fn new(filter: Filter, make_writer: W) -> Self {
        Self { filter, make_writer, spans: Mutex::new(HashMap::new()), next_id: AtomicU64::new(1) }
    }

    fn spans(&self) -> std::sync::MutexGuard<'_, HashMap<u64, SpanData>> {
        // A panic while the lock was held leaves a map that is still whole.
        self.spans.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The line for `event`, with the innermost entered span's name and fields.
    fn line(&self, event: &Event<'_>) -> Vec<u8> {
        let meta = event.metadata();
        let mut fields = Fields::default();
        event.record(&mut fields);
        let mut line = Map::new();
        line.insert("level".into(), Value::from(meta.level().as_str()));
        line.insert("fields".into(), Value::Object(fields.0));
        line.insert("target".into(), Value::from(meta.target()));
        // `try_`: a line logged while the thread's locals are being torn down, or from
        // inside `enter`/`exit`, goes out without its span instead of panicking (which,
        // with `panic = "abort"`, would end the process).
        let innermost = ENTERED.try_with(|e| e.try_borrow().ok().and_then(|e| e.last().copied())).ok().flatten();
        if let Some(id) = innermost {
            if let Some(span) = self.spans().get(&id) {
                let mut object = span.fields.clone();
                object.insert("name".into(), Value::from(span.name));
                line.insert("span".into(), Value::Object(object));
            }
        }
        let mut bytes = serde_json::to_vec(&Value::Object(line)).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }
}

impl<W, T> Subscriber for JsonLines<W>
where
    W: Fn() -> T + Send + Sync + 'static,
    T: Write,
{
    fn enabled(&self, meta: &Metadata<'_>) -> bool {
        self.filter.enabled(meta)
    }

    fn max_level_hint(&self) -> Option<LevelFilter> {
        Some(self.filter.max())
    }

    fn new_span(&self, attrs: &Attributes<'_>) -> Id {
        let mut fields = Fields::default();
        attrs.record(&mut fields);
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        self.spans().insert(id, SpanData { name: attrs.metadata().name(), fields: fields.0, refs: 1 });
        Id::from_u64(id)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut fields = Fields::default();
        values.record(&mut fields);
        if let Some(data) = self.spans().get_mut(&span.into_u64()) {
            data.fields.extend(fields.0);
        }
    }

    fn record_follows_from(&self, _span: &Id, _follows: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let line = self.line(event);
        // Nowhere to report a failed log write.
        let _ = (self.make_writer)().write_all(&line);
    }

    fn enter(&self, span: &Id) {
        let _ = ENTERED.try_with(|e| e.try_borrow_mut().map(|mut e| e.push(span.into_u64())));
    }

    fn exit(&self, span: &Id) {
        let id = span.into_u64();
        let _ = ENTERED.try_with(|e| {
            if let Ok(mut entered) = e.try_borrow_mut() {
                if let Some(at) = entered.iter().rposition(|s| *s == id) {
                    entered.remove(at);
                }
            }
        });
    }

    fn clone_span(&self, span: &Id) -> Id {
        if let Some(data) = self.spans().get_mut(&span.into_u64()) {
            data.refs += 1;
        }
        span.clone()
    }

    fn try_close(&self, span: Id) -> bool {
        let mut spans = self.spans();
        let id = span.into_u64();
        match spans.get_mut(&id) {
            Some(data) if data.refs > 1 => {
                data.refs -= 1;
                false
            }
            Some(_) => {
                spans.remove(&id);
                true
            }
            None => false,
        }
    }
}

/// A span's or an event's fields as JSON values.
#[derive(Default)]
struct Fields(Map<String, Value>);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name().into(), Value::from(format!("{value:?}")));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().into(), Value::from(value));
    }
    fn record_i64(&mut self, field: &Field, value: i64) {
        self.0.insert(field.name().into(), Value::from(value));
    }
    fn record_u64(&mut self, field: &Field, value: u64) {
        self.0.insert(field.name().into(), Value::from(value));
    }
    fn record_f64(&mut self, field: &Field, value: f64) {
        self.0.insert(field.name().into(), Value::from(value));
    }
    fn record_bool(&mut self, field: &Field, value: bool) {
        self.0.insert(field.name().into(), Value::from(value));
    }
    fn record_error(&mut self, field: &Field, value: &(dyn std::error::Error + 'static)) {
        self.0.insert(field.name().into(), Value::from(value.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn lines(filter: &str, log: impl FnOnce()) -> Vec<Value> {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = JsonLines::new(Filter::parse(filter).unwrap(), move || writer.clone());
        tracing::subscriber::with_default(subscriber, log);
        let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        text.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
    }

    #[test]
    fn a_line_is_the_level_the_fields_the_target_and_the_innermost_span() {
        let got = lines("info", || {
            tracing::info!(target: "shared::handlers", status = 201u64, ok = true, "api");
            let outer = tracing::info_span!("request", request_id = %"abc", route = "POST /api/login");
            let _in = outer.enter();
            tracing::warn!(target: "shared::x", reason = ?"a \"quoted\" word", "refused");
            let inner = tracing::info_span!("step");
            inner.in_scope(|| tracing::error!(target: "shared::y", "in the step"));
            tracing::info!(target: "shared::z", "back in the request");
        });
        assert_eq!(
            got[0],
            serde_json::json!({"level": "INFO", "fields": {"message": "api", "status": 201, "ok": true}, "target": "shared::handlers"})
        );
        assert_eq!(
            got[1]["span"],
            serde_json::json!({"name": "request", "request_id": "abc", "route": "POST /api/login"})
        );
        assert_eq!(got[1]["fields"]["reason"], "\"a \\\"quoted\\\" word\"");
        assert_eq!(got[2]["span"], serde_json::json!({"name": "step"}));
        assert_eq!(got[3]["span"]["name"], "request");
        assert_eq!(got.len(), 4);
    }

    #[test]
    fn the_most_specific_target_decides_and_the_rest_is_dropped() {
        let got = lines("debug,hyper=info,hyper::proto=warn", || {
            tracing::debug!(target: "shared::handlers", "kept");
            tracing::debug!(target: "hyper::client", "dropped");
            tracing::info!(target: "hyper::client", "kept");
            tracing::info!(target: "hyper::proto::h1", "dropped");
            tracing::trace!(target: "shared", "dropped");
        });
        assert_eq!(got.len(), 2);
        assert!(got.iter().all(|l| l["fields"]["message"] == "kept"));
    }

    #[test]
    fn filters_parse_as_rust_log_does_and_nonsense_is_refused() {
        let f = Filter::parse("info,aws_smithy_runtime=debug").unwrap();
        assert_eq!(f.level_for("aws_smithy_runtime::client"), LevelFilter::DEBUG);
        assert_eq!(f.level_for("shared"), LevelFilter::INFO);
        assert_eq!(f.max(), LevelFilter::DEBUG);
        assert_eq!(Filter::parse("off").unwrap().level_for("x"), LevelFilter::OFF);
        assert_eq!(Filter::parse("WARN").unwrap().level_for("x"), LevelFilter::WARN);
        assert_eq!(Filter::parse("shared").unwrap().level_for("shared::x"), LevelFilter::TRACE);
        for bad in ["", "info,=debug", "x=loud", "a b"] {
            assert_eq!(Filter::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_closed_span_is_forgotten() {
        type Sink = JsonLines<fn() -> std::io::Sink>;
        let dispatch = tracing::Dispatch::new(Sink::new(Filter::parse("info").unwrap(), std::io::sink));
        let open = |d: &tracing::Dispatch| d.downcast_ref::<Sink>().map(|s| s.spans().len());
        tracing::dispatcher::with_default(&dispatch, || {
            let span = tracing::info_span!("request", request_id = "a");
            let copy = span.clone();
            drop(span);
            copy.in_scope(|| tracing::info!("still open"));
            assert_eq!(open(&dispatch), Some(1));
            drop(copy);
        });
        assert_eq!(open(&dispatch), Some(0));
    }
}
