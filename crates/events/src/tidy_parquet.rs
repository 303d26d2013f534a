//! Parquet files of the tidy export tables (`softbalance export --format parquet`, feature
//! `engine`): typed columns in, one Parquet file's bytes out, and the reader back, both through
//! the Arrow and Parquet versions that DataFusion re-exports. The column model is this crate's
//! own (the CLI converts the report crate's tables), so the events crate needs no report crate.

use crate::Error;
use datafusion::arrow::array::{Array, ArrayRef, BooleanArray, Float64Array, Int64Array, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::arrow::record_batch::{RecordBatch, RecordBatchReader};
use datafusion::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::parquet::basic::{Compression, ZstdLevel};
use datafusion::parquet::file::properties::WriterProperties;
use std::path::Path;
use std::sync::Arc;

/// One column's values. Text is never null (an empty cell is the empty string); numbers and
/// booleans are nullable.
#[derive(Clone, Debug, PartialEq)]
pub enum TidyValues {
    Text(Vec<String>),
    Integer(Vec<Option<i64>>),
    Float(Vec<Option<f64>>),
    Boolean(Vec<Option<bool>>),
}

impl TidyValues {
    fn len(&self) -> usize {
        match self {
            TidyValues::Text(v) => v.len(),
            TidyValues::Integer(v) => v.len(),
            TidyValues::Float(v) => v.len(),
            TidyValues::Boolean(v) => v.len(),
        }
    }
}

/// A named column.
#[derive(Clone, Debug, PartialEq)]
pub struct TidyColumn {
    pub name: String,
    pub values: TidyValues,
}

/// The Arrow type each kind of column is written as: Utf8 (not null), Int64, Float64, Boolean.
fn field(c: &TidyColumn) -> Field {
    match &c.values {
        TidyValues::Text(_) => Field::new(&c.name, DataType::Utf8, false),
        TidyValues::Integer(_) => Field::new(&c.name, DataType::Int64, true),
        TidyValues::Float(_) => Field::new(&c.name, DataType::Float64, true),
        TidyValues::Boolean(_) => Field::new(&c.name, DataType::Boolean, true),
    }
}

fn array(v: &TidyValues) -> ArrayRef {
    match v {
        TidyValues::Text(x) => Arc::new(StringArray::from_iter_values(x.iter())),
        TidyValues::Integer(x) => Arc::new(Int64Array::from(x.clone())),
        TidyValues::Float(x) => Arc::new(Float64Array::from(x.clone())),
        TidyValues::Boolean(x) => Arc::new(BooleanArray::from(x.clone())),
    }
}

/// The table `name` as the bytes of one Parquet file (zstd-compressed, one row group).
/// Refuses a table whose columns differ in length or repeat a name.
pub fn write(name: &str, columns: &[TidyColumn]) -> Result<Vec<u8>, Error> {
    let rows = columns.first().map(|c| c.values.len()).unwrap_or(0);
    for (k, c) in columns.iter().enumerate() {
        if c.values.len() != rows {
            return Err(Error::Output(format!("{name}: column {} has {} values, column {} has {rows}", c.name, c.values.len(), columns[0].name)));
        }
        if columns[..k].iter().any(|d| d.name == c.name) {
            return Err(Error::Output(format!("{name}: column {} appears twice", c.name)));
        }
    }
    let schema = Arc::new(Schema::new(columns.iter().map(field).collect::<Vec<_>>()));
    let batch = RecordBatch::try_new(schema.clone(), columns.iter().map(|c| array(&c.values)).collect())
        .map_err(|e| Error::Output(format!("{name}: {e}")))?;
    let props = WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::default()))
        .set_created_by(format!("softbalance {}", env!("CARGO_PKG_VERSION")))
        .build();
    let mut bytes = Vec::new();
    let mut w = ArrowWriter::try_new(&mut bytes, schema, Some(props)).map_err(|e| Error::Output(format!("{name}: {e}")))?;
    w.write(&batch).map_err(|e| Error::Output(format!("{name}: {e}")))?;
    w.close().map_err(|e| Error::Output(format!("{name}: {e}")))?;
    Ok(bytes)
}

/// Read a Parquet file written by `write` back into columns (every row group, in order).
/// A column of another Arrow type than the four written is refused with its name and type.
pub fn read(path: &Path) -> Result<Vec<TidyColumn>, Error> {
    let file = std::fs::File::open(path).map_err(|e| Error::Io { path: path.to_path_buf(), source: e })?;
    let bad = |e: &dyn std::fmt::Display| Error::Input(format!("{}: not a readable Parquet file: {e}", path.display()));
    let reader = ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| bad(&e))?.build().map_err(|e| bad(&e))?;
    let schema = reader.schema();
    let mut columns: Vec<TidyColumn> = schema
        .fields()
        .iter()
        .map(|f| {
            let values = match f.data_type() {
                DataType::Utf8 => TidyValues::Text(Vec::new()),
                DataType::Int64 => TidyValues::Integer(Vec::new()),
                DataType::Float64 => TidyValues::Float(Vec::new()),
                DataType::Boolean => TidyValues::Boolean(Vec::new()),
                other => return Err(Error::Input(format!("{}: column {} is {other}, not text, int64, float64 or boolean", path.display(), f.name()))),
            };
            Ok(TidyColumn { name: f.name().clone(), values })
        })
        .collect::<Result<_, _>>()?;
    for batch in reader {
        let batch = batch.map_err(|e| bad(&e))?;
        for (col, arr) in columns.iter_mut().zip(batch.columns()) {
            let any = arr.as_any();
            let mismatch = || Error::Input(format!("{}: column {} changes type between row groups", path.display(), col.name));
            match &mut col.values {
                TidyValues::Text(v) => {
                    let a = any.downcast_ref::<StringArray>().ok_or_else(mismatch)?;
                    v.extend((0..a.len()).map(|i| if a.is_null(i) { String::new() } else { a.value(i).to_string() }));
                }
                TidyValues::Integer(v) => v.extend(any.downcast_ref::<Int64Array>().ok_or_else(mismatch)?.iter()),
                TidyValues::Float(v) => v.extend(any.downcast_ref::<Float64Array>().ok_or_else(mismatch)?.iter()),
                TidyValues::Boolean(v) => v.extend(any.downcast_ref::<BooleanArray>().ok_or_else(mismatch)?.iter()),
            }
        }
    }
    Ok(columns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_reads_back_as_written_with_nulls_and_unicode() {
        let cols = vec![
            TidyColumn { name: "case".into(), values: TidyValues::Text(vec!["a".into(), "".into(), "柔性平衡".into()]) },
            TidyColumn { name: "year".into(), values: TidyValues::Integer(vec![Some(2019), None, Some(-1)]) },
            TidyColumn { name: "share".into(), values: TidyValues::Float(vec![Some(0.1), Some(f64::MAX), None]) },
            TidyColumn { name: "counts".into(), values: TidyValues::Boolean(vec![None, Some(true), Some(false)]) },
        ];
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.parquet");
        std::fs::write(&path, write("t", &cols).unwrap()).unwrap();
        assert_eq!(read(&path).unwrap(), cols);
    }

    #[test]
    fn ragged_or_duplicate_columns_are_refused() {
        let a = TidyColumn { name: "a".into(), values: TidyValues::Integer(vec![Some(1)]) };
        let b = TidyColumn { name: "b".into(), values: TidyValues::Integer(vec![]) };
        assert!(matches!(write("t", &[a.clone(), b]), Err(Error::Output(m)) if m.contains("column b has 0 values")));
        assert!(matches!(write("t", &[a.clone(), a]), Err(Error::Output(m)) if m.contains("appears twice")));
    }
}
