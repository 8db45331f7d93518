//! A streaming gzip (RFC 1952) reader over miniz_oxide's raw inflate; checks the trailer's CRC-32
//! and length so a truncated or altered stream is an error, not a short archive.

use miniz_oxide::inflate::stream::{inflate, InflateState};
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};
use std::io::{self, Read};

const FHCRC: u8 = 2;
const FEXTRA: u8 = 4;
const FNAME: u8 = 8;
const FCOMMENT: u8 = 16;

pub struct GzReader<R: Read> {
    inner: R,
    state: Box<InflateState>,
    input: Vec<u8>,
    pos: usize,
    len: usize,
    eof: bool,
    crc: Crc32,
    size: u32,
    header_read: bool,
    done: bool,
}

impl<R: Read> GzReader<R> {
    pub fn new(inner: R) -> GzReader<R> {
        GzReader {
            inner,
            state: InflateState::new_boxed(DataFormat::Raw),
            input: vec![0; 32 * 1024],
            pos: 0,
            len: 0,
            eof: false,
            crc: Crc32::new(),
            size: 0,
            header_read: false,
            done: false,
        }
    }

    fn fill(&mut self) -> io::Result<()> {
        if self.pos == self.len && !self.eof {
            self.pos = 0;
            self.len = self.inner.read(&mut self.input)?;
            self.eof = self.len == 0;
        }
        Ok(())
    }

    fn byte(&mut self) -> io::Result<u8> {
        self.fill()?;
        if self.pos == self.len {
            return Err(bad("the gzip stream ends early"));
        }
        self.pos += 1;
        Ok(self.input[self.pos - 1])
    }

    fn u32_le(&mut self) -> io::Result<u32> {
        let mut v = 0u32;
        for shift in [0, 8, 16, 24] {
            v |= u32::from(self.byte()?) << shift;
        }
        Ok(v)
    }

    fn read_header(&mut self) -> io::Result<()> {
        if self.byte()? != 0x1f || self.byte()? != 0x8b || self.byte()? != 8 {
            return Err(bad("the payload is not a gzip stream"));
        }
        let flags = self.byte()?;
        for _ in 0..6 {
            self.byte()?; // mtime, xfl, os
        }
        if flags & FEXTRA != 0 {
            let xlen = usize::from(self.byte()?) | usize::from(self.byte()?) << 8;
            for _ in 0..xlen {
                self.byte()?;
            }
        }
        for flag in [FNAME, FCOMMENT] {
            if flags & flag != 0 {
                while self.byte()? != 0 {}
            }
        }
        if flags & FHCRC != 0 {
            self.byte()?;
            self.byte()?;
        }
        Ok(())
    }

    fn read_trailer(&mut self) -> io::Result<()> {
        let crc = self.u32_le()?;
        let size = self.u32_le()?;
        if crc != self.crc.value() || size != self.size {
            return Err(bad("the gzip trailer does not match the data (CRC-32 or length)"));
        }
        Ok(())
    }
}

impl<R: Read> Read for GzReader<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() || self.done {
            return Ok(0);
        }
        if !self.header_read {
            self.read_header()?;
            self.header_read = true;
        }
        loop {
            self.fill()?;
            let result = inflate(&mut self.state, &self.input[self.pos..self.len], out, MZFlush::None);
            self.pos += result.bytes_consumed;
            let written = result.bytes_written;
            self.crc.update(&out[..written]);
            self.size = self.size.wrapping_add(written as u32);
            match result.status {
                Ok(MZStatus::StreamEnd) => {
                    self.read_trailer()?;
                    self.done = true;
                    return Ok(written);
                }
                Ok(_) if written > 0 => return Ok(written),
                Ok(_) | Err(MZError::Buf) => {
                    if self.eof && self.pos == self.len {
                        return Err(bad("the gzip stream ends early"));
                    }
                    if written > 0 {
                        return Ok(written);
                    }
                }
                Err(_) => return Err(bad("the gzip stream is corrupt")),
            }
        }
    }
}

fn bad(message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message.to_string())
}

/// CRC-32 (IEEE, reflected), table-driven.
pub struct Crc32 {
    table: [u32; 256],
    value: u32,
}

impl Crc32 {
    pub fn new() -> Crc32 {
        let mut table = [0u32; 256];
        for (i, slot) in table.iter_mut().enumerate() {
            let mut c = i as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 { 0xedb8_8320 ^ (c >> 1) } else { c >> 1 };
            }
            *slot = c;
        }
        Crc32 { table, value: 0xffff_ffff }
    }

    pub fn update(&mut self, data: &[u8]) {
        for &b in data {
            self.value = self.table[((self.value ^ u32::from(b)) & 0xff) as usize] ^ (self.value >> 8);
        }
    }

    pub fn value(&self) -> u32 {
        !self.value
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;

    /// A gzip member of `data` (test helper, also used by the untar and main tests).
    pub fn gzip(data: &[u8]) -> Vec<u8> {
        let mut out = vec![0x1f, 0x8b, 8, FNAME, 0, 0, 0, 0, 0, 255];
        out.extend_from_slice(b"payload.tar\0");
        out.extend(miniz_oxide::deflate::compress_to_vec(data, 6));
        let mut crc = Crc32::new();
        crc.update(data);
        out.extend(crc.value().to_le_bytes());
        out.extend((data.len() as u32).to_le_bytes());
        out
    }

    fn gunzip(data: &[u8]) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        GzReader::new(data).read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn round_trip() {
        let data: Vec<u8> = (0..300_000u32).map(|i| (i % 97) as u8 ^ (i >> 11) as u8).collect();
        assert_eq!(gunzip(&gzip(&data)).unwrap(), data);
        assert_eq!(gunzip(&gzip(b"")).unwrap(), b"");
    }

    #[test]
    fn crc32_check_value() {
        let mut crc = Crc32::new();
        crc.update(b"123456789");
        assert_eq!(crc.value(), 0xcbf4_3926);
    }

    #[test]
    fn truncated_altered_and_foreign_streams_fail() {
        let data = vec![7u8; 10_000];
        let gz = gzip(&data);
        assert!(gunzip(&gz[..gz.len() - 3]).is_err(), "truncated trailer");
        assert!(gunzip(&gz[..gz.len() / 2]).is_err(), "truncated body");
        let mut altered = gz.clone();
        let n = altered.len();
        altered[n - 8] ^= 1;
        assert!(gunzip(&altered).is_err(), "wrong crc");
        assert!(gunzip(b"not gzip at all").is_err());
        assert!(gunzip(b"").is_err());
    }
}
