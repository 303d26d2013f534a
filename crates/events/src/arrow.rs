//! The readers' partial aggregates as Arrow record batches (feature `engine`): the schema of
//! the events table that SQL stage 1 reads, and the conversion of a `PartialBatch`.

use crate::reader::PartialBatch;
use datafusion::arrow::array::{ArrayRef, BooleanBuilder, Int32Builder, Int64Builder, StringBuilder};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::arrow::record_batch::RecordBatch;
use std::sync::Arc;

/// The schema of the events table as the engine sees it: partial aggregates of coded events
/// by period, actors, strategy and flags, summed per reader thread (`n` events, of which
/// `gcount` have a Goldstein value summing to `gsum_c`). Stage 1 of the panel SQL sums these
/// partials, so it is also the schema of the stage-1 aggregate.
pub fn partial_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("period", DataType::Int32, false),
        Field::new("a1", DataType::Utf8, false),
        Field::new("k1", DataType::Utf8, false),
        Field::new("a2", DataType::Utf8, false),
        Field::new("k2", DataType::Utf8, false),
        Field::new("strategy", DataType::Utf8, false),
        Field::new("military", DataType::Boolean, false),
        Field::new("capability", DataType::Boolean, false),
        Field::new("n", DataType::Int64, false),
        // Goldstein in hundredths, so that sums are exact and identical in any order
        // (local and distributed runs must give the same panel bit for bit).
        Field::new("gsum_c", DataType::Int64, true),
        Field::new("gcount", DataType::Int64, false),
    ]))
}

impl PartialBatch {
    /// The batch as columns of `schema` (`partial_schema()`).
    pub fn to_record_batch(&self, schema: &SchemaRef) -> RecordBatch {
        let cap = self.rows.len();
        let mut period = Int32Builder::with_capacity(cap);
        let mut a1 = StringBuilder::with_capacity(cap, cap * 3);
        let mut k1 = StringBuilder::with_capacity(cap, cap);
        let mut a2 = StringBuilder::with_capacity(cap, cap * 3);
        let mut k2 = StringBuilder::with_capacity(cap, cap);
        let mut strategy = StringBuilder::with_capacity(cap, cap * 12);
        let mut military = BooleanBuilder::with_capacity(cap);
        let mut capability = BooleanBuilder::with_capacity(cap);
        let mut n = Int64Builder::with_capacity(cap);
        let mut gsum_c = Int64Builder::with_capacity(cap);
        let mut gcount = Int64Builder::with_capacity(cap);
        for p in &self.rows {
            period.append_value(p.period);
            a1.append_value(&*p.a1.code);
            k1.append_value(p.a1.kind.as_str());
            a2.append_value(&*p.a2.code);
            k2.append_value(p.a2.kind.as_str());
            strategy.append_value(p.strategy.as_str());
            military.append_value(p.military);
            capability.append_value(p.capability);
            n.append_value(p.n);
            // NULL when no event of the group has a Goldstein value, as SUM over none is.
            gsum_c.append_option((p.gcount > 0).then_some(p.gsum_c));
            gcount.append_value(p.gcount);
        }
        let cols: Vec<ArrayRef> = vec![
            Arc::new(period.finish()),
            Arc::new(a1.finish()),
            Arc::new(k1.finish()),
            Arc::new(a2.finish()),
            Arc::new(k2.finish()),
            Arc::new(strategy.finish()),
            Arc::new(military.finish()),
            Arc::new(capability.finish()),
            Arc::new(n.finish()),
            Arc::new(gsum_c.finish()),
            Arc::new(gcount.finish()),
        ];
        RecordBatch::try_new(schema.clone(), cols).expect("columns match the partial schema")
    }
}
