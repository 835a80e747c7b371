//! The webhook's TCP listener with limits before any work: at most
//! [`MAX_CONNECTIONS`] connections open at once (more wait in the kernel's
//! queue, costing rulebot nothing), and a connection that sends nothing for
//! [`IDLE`] (a half-sent request, an idle keep-alive) is closed.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::{Instant, Sleep};

/// Connections open at once.
pub const MAX_CONNECTIONS: usize = 128;
/// How long a connection may send nothing before it is closed.
pub const IDLE: Duration = Duration::from_secs(10);

/// A listener that bounds open connections and closes idle ones.
pub struct Capped {
    inner: TcpListener,
    permits: Arc<Semaphore>,
    idle: Duration,
}

impl Capped {
    /// Wraps `inner` with the limits above.
    pub fn new(inner: TcpListener) -> Capped {
        Capped::with_limits(inner, MAX_CONNECTIONS, IDLE)
    }

    /// Wraps `inner` with other limits (tests).
    pub fn with_limits(inner: TcpListener, max: usize, idle: Duration) -> Capped {
        Capped {
            inner,
            permits: Arc::new(Semaphore::new(max)),
            idle,
        }
    }
}

impl axum::serve::Listener for Capped {
    type Io = Conn;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Conn, SocketAddr) {
        // Waiting here leaves further connections in the kernel's queue.
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .expect("the semaphore is never closed");
        loop {
            match self.inner.accept().await {
                Ok((stream, addr)) => {
                    let _ = stream.set_nodelay(true);
                    let conn = Conn {
                        stream,
                        _permit: permit,
                        idle: self.idle,
                        deadline: Box::pin(tokio::time::sleep(self.idle)),
                    };
                    return (conn, addr);
                }
                Err(e) => {
                    // Out of file descriptors and the like: wait, then go on.
                    tracing::warn!(error = %e, "webhook accept failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        }
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        self.inner.local_addr()
    }
}

/// An accepted connection: holds its place among the open ones, and fails its
/// reads once it has sent nothing for the idle time.
pub struct Conn {
    stream: TcpStream,
    _permit: OwnedSemaphorePermit,
    idle: Duration,
    deadline: Pin<Box<Sleep>>,
}

impl AsyncRead for Conn {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let me = &mut *self;
        match Pin::new(&mut me.stream).poll_read(cx, buf) {
            Poll::Ready(r) => {
                let next = Instant::now() + me.idle;
                me.deadline.as_mut().reset(next);
                Poll::Ready(r)
            }
            Poll::Pending => match me.deadline.as_mut().poll(cx) {
                Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "the connection was idle too long",
                ))),
                Poll::Pending => Poll::Pending,
            },
        }
    }
}

impl AsyncWrite for Conn {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::serve::Listener;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    // Paused time: the timers below advance when nothing else can run, so the
    // test waits for no wall-clock time.
    #[tokio::test(start_paused = true)]
    async fn connections_are_bounded_and_idle_ones_closed() {
        let tcp = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = tcp.local_addr().unwrap();
        let mut l = Capped::with_limits(tcp, 2, Duration::from_secs(10));
        let _a = TcpStream::connect(addr).await.unwrap();
        let _b = TcpStream::connect(addr).await.unwrap();
        let _c = TcpStream::connect(addr).await.unwrap();
        let (mut first, _) = l.accept().await;
        let (_second, _) = l.accept().await;
        // A third waits while two are open.
        let third = tokio::time::timeout(Duration::from_secs(1), l.accept()).await;
        assert!(third.is_err(), "a third connection was accepted");
        // The first sent nothing: its read fails once it has been idle.
        let mut buf = [0u8; 8];
        let r = tokio::time::timeout(Duration::from_secs(60), first.read(&mut buf))
            .await
            .expect("an idle connection is closed within its idle time");
        assert_eq!(r.unwrap_err().kind(), io::ErrorKind::TimedOut);
        drop(first);
        let (mut third, _) = tokio::time::timeout(Duration::from_secs(1), l.accept())
            .await
            .expect("a place came free");
        third.write_all(b"x").await.unwrap();
    }
}
