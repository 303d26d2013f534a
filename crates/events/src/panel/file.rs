//! The panel as a file: its column list (from `StrategyCode::ALL`), the Arrow record batch,
//! CSV and Parquet through the atomic writer.

use super::*;

/// Column names of the panel file, in order (the nine codes with `.` → `_`).
pub fn panel_columns(period: Period) -> Vec<String> {
    let mut cols: Vec<String> = ["iso3_1", "iso3_2", "ccode1", "ccode2", "gwcode1", "gwcode2", "year"].iter().map(|s| s.to_string()).collect();
    if period == Period::Month {
        cols.push("month".into());
    }
    cols.extend(StrategyCode::ALL.iter().map(|&c| count_column(c).to_string()));
    cols.extend(
        ["events", "triad_events", "igo_events", "domestic_events", "goldstein_sum", "goldstein_mean", "sb_index", "hard_share"]
            .iter()
            .map(|s| s.to_string()),
    );
    cols
}

impl Panel {
    /// The panel as one Arrow record batch (the schema of the output files).
    pub fn to_record_batch(&self) -> Result<RecordBatch> {
        let names = panel_columns(self.period);
        let r = &self.rows;
        let s = |f: &dyn Fn(&PanelRow) -> String| -> ArrayRef { Arc::new(StringArray::from(r.iter().map(f).collect::<Vec<_>>())) };
        let i32c = |f: &dyn Fn(&PanelRow) -> Option<i32>| -> ArrayRef { Arc::new(Int32Array::from(r.iter().map(f).collect::<Vec<_>>())) };
        let i64c = |f: &dyn Fn(&PanelRow) -> Option<i64>| -> ArrayRef { Arc::new(Int64Array::from(r.iter().map(f).collect::<Vec<_>>())) };
        let f64c = |f: &dyn Fn(&PanelRow) -> Option<f64>| -> ArrayRef { Arc::new(Float64Array::from(r.iter().map(f).collect::<Vec<_>>())) };
        let mut cols: Vec<ArrayRef> = vec![
            s(&|x| x.iso3_1.clone()),
            s(&|x| x.iso3_2.clone()),
            i32c(&|x| x.ccode1.map(i32::from)),
            i32c(&|x| x.ccode2.map(i32::from)),
            i32c(&|x| x.gwcode1.map(i32::from)),
            i32c(&|x| x.gwcode2.map(i32::from)),
            i32c(&|x| Some(x.year)),
        ];
        if self.period == Period::Month {
            cols.push(i32c(&|x| x.month));
        }
        for code in StrategyCode::ALL {
            cols.push(i64c(&move |x| x.count(code)));
        }
        cols.push(i64c(&|x| x.events));
        cols.push(i64c(&|x| x.triad_events));
        cols.push(i64c(&|x| x.igo_events));
        cols.push(i64c(&|x| x.domestic_events));
        cols.push(f64c(&|x| x.goldstein_sum));
        cols.push(f64c(&|x| x.goldstein_mean));
        cols.push(f64c(&|x| x.sb_index()));
        cols.push(f64c(&|x| x.hard_share()));
        let fields: Vec<Field> = names
            .iter()
            .zip(&cols)
            .map(|(n, c)| Field::new(n, c.data_type().clone(), !matches!(n.as_str(), "iso3_1" | "iso3_2" | "year")))
            .collect();
        RecordBatch::try_new(Arc::new(Schema::new(fields)), cols).map_err(|e| Error::Output(e.to_string()))
    }

    /// Write the panel as Parquet (`.parquet`) or CSV (`.csv`; missing values as empty
    /// fields), atomically and never over one of the input files (`Error::Output`).
    pub fn write(&self, path: &Path) -> Result<()> {
        let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        if ext != "parquet" && ext != "csv" {
            return Err(Error::Config(format!("--out must end in .parquet or .csv: {}", path.display())));
        }
        output::refuse_inputs(&[("--out", path)], &self.files)?;
        let file = AtomicFile::create(path)?;
        let file = if ext == "parquet" {
            let batch = self.to_record_batch()?;
            let mut sink = ParquetSink::new(file, batch.schema())?;
            sink.write(&batch)?;
            sink.into_inner()?
        } else {
            let mut file = file;
            self.write_csv(&mut file).map_err(|e| Error::Output(format!("cannot write {}: {e}", path.display())))?;
            file
        };
        file.finish()
    }

    pub fn write_csv(&self, w: &mut impl std::io::Write) -> std::io::Result<()> {
        writeln!(w, "{}", panel_columns(self.period).join(","))?;
        let o = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
        let u = |v: Option<u16>| v.map(|v| v.to_string()).unwrap_or_default();
        let fl = |v: Option<f64>| v.map(|v| format!("{v}")).unwrap_or_default();
        for r in &self.rows {
            let mut f = vec![r.iso3_1.clone(), r.iso3_2.clone(), u(r.ccode1), u(r.ccode2), u(r.gwcode1), u(r.gwcode2), r.year.to_string()];
            if self.period == Period::Month {
                f.push(o(r.month.map(i64::from)));
            }
            for c in StrategyCode::ALL {
                f.push(o(r.count(c)));
            }
            f.extend([o(r.events), o(r.triad_events), o(r.igo_events), o(r.domestic_events)]);
            f.extend([fl(r.goldstein_sum), fl(r.goldstein_mean), fl(r.sb_index()), fl(r.hard_share())]);
            writeln!(w, "{}", f.join(","))?;
        }
        w.flush()
    }
}

