//! Password hashing with argon2id (the crate's defaults: 19 MiB, 2 passes, 1 lane, the OWASP
//! minimum) on a fixed set of hashing threads.
//!
//! A flood of sign-ins must neither lock people out nor eat the machine's memory, so:
//! - each hashing thread owns one argon2 work area and reuses it for every hash: memory is
//!   `threads × 19 MiB` however many requests arrive, and nothing is handed back and forth
//!   with the allocator;
//! - the queue in front of the threads is short; a request that finds it full, or that waited
//!   longer than [`HashPool::max_wait`] for its turn, is answered "busy" (the caller sends 503 and
//!   `Retry-After`) instead of waiting behind the flood;
//! - a request whose caller stopped waiting, or whose client closed its connection (actix keeps
//!   running a handler after its client has gone), is dropped without hashing.

use std::net::TcpStream;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use subtle::ConstantTimeEq;
use tokio::sync::oneshot;

use crate::error::AppError;

/// The client's connection, to see whether it is still there before spending a hash on it:
/// a second handle on the socket, made when the connection was accepted.
#[derive(Debug, Clone)]
pub struct ClientProbe(Arc<TcpStream>);

impl ClientProbe {
    /// A probe for `socket`, or None when the system refuses a second handle.
    pub fn new(socket: &impl std::os::fd::AsFd) -> Option<ClientProbe> {
        let owned = socket.as_fd().try_clone_to_owned().ok()?;
        Some(ClientProbe(Arc::new(TcpStream::from(owned))))
    }

    /// True when the client has closed its side (or reset) the connection. The socket is
    /// non-blocking (it belongs to the server's event loop), so peeking never waits: "would
    /// block" means open with nothing more to read; 0 bytes means the client sent FIN.
    pub fn is_gone(&self) -> bool {
        let mut byte = [0u8; 1];
        match self.0.peek(&mut byte) {
            Ok(0) => true,
            Ok(_) => false,
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => false,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => false,
            Err(_) => true,
        }
    }
}

/// What a verification came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verification {
    /// The password was checked; true when it matches.
    Checked(bool),
    /// No hashing thread was free in time: try again shortly.
    Busy,
    /// The client left before its turn; nobody is waiting for the answer.
    ClientGone,
}

enum Work {
    Hash(String),
    Verify(Option<String>, String),
}

enum Outcome {
    Hashed(String),
    Verified(bool),
    Expired,
    ClientGone,
    Failed(String),
}

struct Job {
    work: Work,
    queued_at: Instant,
    client: Option<ClientProbe>,
    reply: oneshot::Sender<Outcome>,
}

/// The argon2 parameters of new hashes (the crate's defaults).
fn new_hash_params() -> Params {
    Params::default()
}

/// One hashing thread's reusable work area.
struct Worker {
    memory: Vec<Block>,
}

impl Worker {
    /// A worker whose work area is made at its first hash.
    fn new() -> Worker {
        Worker { memory: Vec::new() }
    }

    fn memory_for(&mut self, params: &Params) -> &mut [Block] {
        let needed = params.block_count();
        if self.memory.len() < needed {
            // An older hash with a larger cost: grow once and keep it.
            self.memory.resize(needed, Block::default());
        }
        &mut self.memory[..needed]
    }

    /// A new PHC-format argon2id hash of `password` with a random salt.
    fn hash(&mut self, password: &str) -> Result<String, String> {
        let params = new_hash_params();
        let salt = SaltString::generate(&mut OsRng);
        let mut salt_bytes = [0u8; 64];
        let salt_bytes = salt
            .decode_b64(&mut salt_bytes)
            .map_err(|e| format!("salt: {e}"))?;
        let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
        let output_len = params.output_len().unwrap_or(Params::DEFAULT_OUTPUT_LEN);
        let memory = self.memory_for(&params);
        let output = Output::init_with(output_len, |out| {
            argon2
                .hash_password_into_with_memory(password.as_bytes(), salt_bytes, out, &mut *memory)
                .map_err(|_| argon2::password_hash::Error::Crypto)
        })
        .map_err(|e| format!("hashing failed: {e}"))?;
        let phc = PasswordHash {
            algorithm: Algorithm::Argon2id.ident(),
            version: Some(Version::V0x13.into()),
            params: ParamsString::try_from(&params).map_err(|e| format!("params: {e}"))?,
            salt: Some(salt.as_salt()),
            hash: Some(output),
        };
        Ok(phc.to_string())
    }

    /// True when `password` matches the PHC-format `stored` hash (false for a hash this
    /// product cannot read).
    fn verify(&mut self, stored: &str, password: &str) -> bool {
        let Ok(parsed) = PasswordHash::new(stored) else {
            return false;
        };
        let (Ok(algorithm), Ok(params), Some(salt), Some(expected)) = (
            Algorithm::try_from(parsed.algorithm),
            Params::try_from(&parsed),
            parsed.salt,
            parsed.hash,
        ) else {
            return false;
        };
        let version = parsed
            .version
            .and_then(|v| Version::try_from(v).ok())
            .unwrap_or_default();
        let mut salt_buf = [0u8; 64];
        let Ok(salt_bytes) = salt.decode_b64(&mut salt_buf) else {
            return false;
        };
        let argon2 = Argon2::new(algorithm, version, params.clone());
        let mut out = vec![0u8; expected.len()];
        let memory = self.memory_for(&params);
        if argon2
            .hash_password_into_with_memory(password.as_bytes(), salt_bytes, &mut out, memory)
            .is_err()
        {
            return false;
        }
        bool::from(expected.as_bytes().ct_eq(&out))
    }

    /// Does one job; true when it ran argon2.
    fn run(&mut self, job: Job, max_wait: Duration) -> bool {
        let outcome = if job.reply.is_closed() {
            return false;
        } else if job.queued_at.elapsed() > max_wait {
            Outcome::Expired
        } else if job.client.as_ref().is_some_and(ClientProbe::is_gone) {
            Outcome::ClientGone
        } else {
            match job.work {
                Work::Hash(password) => match self.hash(&password) {
                    Ok(hash) => Outcome::Hashed(hash),
                    Err(e) => Outcome::Failed(e),
                },
                Work::Verify(stored, password) => {
                    let candidate = match stored.as_deref() {
                        Some(hash) => hash,
                        None => dummy_hash(self),
                    };
                    let matches = self.verify(candidate, &password);
                    Outcome::Verified(matches && stored.is_some())
                }
            }
        };
        let computed = matches!(outcome, Outcome::Hashed(_) | Outcome::Verified(_));
        let _ = job.reply.send(outcome);
        computed
    }
}

/// Lowers the calling thread's scheduling priority (nice 10), so that when sign-ins keep every
/// core busy, the threads answering pages still get the cores at once: a flood of sign-ins
/// slows the sign-ins, not everybody's pages. With nothing else to run, a hashing thread still
/// has a whole core. Linux keeps the nice value per thread; elsewhere this does nothing.
fn yield_to_pages() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: gettid and setpriority only read their integer arguments; setpriority on our
        // own thread id changes nothing but that thread's nice value.
        let failed = unsafe {
            let tid = libc::gettid();
            libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, 10) != 0
        };
        if failed {
            tracing::warn!(
                error = %std::io::Error::last_os_error(),
                "cannot lower a hashing thread's priority"
            );
        }
    }
}

/// A real hash of nothing anybody knows, verified when the email is unknown, so that a wrong
/// email takes as long as a wrong password. Made once, in the work area of the thread that
/// first needs it.
fn dummy_hash(worker: &mut Worker) -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let random = uuid::Uuid::new_v4().to_string();
        worker.hash(&random).unwrap_or_default()
    })
}

/// Hashes a password with argon2id and a random salt, on the calling thread (for the command
/// line, which hashes outside any request).
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let mut hashes = hash_passwords(std::iter::once(password))?;
    hashes.pop().ok_or_else(|| anyhow::anyhow!("no hash"))
}

/// Hashes several passwords on the calling thread with one work area, given back to the
/// system at the end (the demo loader's users).
pub fn hash_passwords<'a>(
    passwords: impl IntoIterator<Item = &'a str>,
) -> anyhow::Result<Vec<String>> {
    let mut worker = Worker::new();
    passwords
        .into_iter()
        .map(|p| worker.hash(p).map_err(|e| anyhow::anyhow!(e)))
        .collect()
}

/// How the hashing threads are sized.
#[derive(Debug, Clone, Copy)]
pub struct HashPoolSettings {
    /// Hashing threads (each holds one 19 MiB work area).
    pub threads: usize,
    /// Requests that may wait for a thread; one more is refused at once.
    pub queue: usize,
    /// The longest a request waits for its turn before it is answered "busy".
    pub max_wait: Duration,
}

impl HashPoolSettings {
    /// One thread a core, 32 waiting requests a thread, two seconds at most in the queue.
    ///
    /// A thread hashes about 60 passwords a second on a 2-core machine, so 32 waiting requests
    /// are about half a second of work: a crowd of people signing in at once waits its turn
    /// instead of being told "busy" and asking again (each refusal and retry costs the cores the
    /// hashes need). The queue holds only the passwords; the work areas stay one a thread.
    pub fn for_this_machine() -> HashPoolSettings {
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2);
        HashPoolSettings {
            threads,
            queue: threads * 32,
            max_wait: Duration::from_secs(2),
        }
    }
}

/// The hashing threads and their queue; cheap to clone.
#[derive(Clone)]
pub struct PasswordHasher {
    queue: SyncSender<Job>,
    /// How many argon2 computations the threads ran (for tests and the benchmark).
    computed: Arc<AtomicU64>,
    /// How long a request may wait for its turn.
    pub max_wait: Duration,
}

impl PasswordHasher {
    /// Starts the hashing threads. They end when the last handle is dropped.
    pub fn new(settings: HashPoolSettings) -> PasswordHasher {
        let (sender, receiver) = sync_channel::<Job>(settings.queue.max(1));
        let receiver = Arc::new(Mutex::new(receiver));
        let computed = Arc::new(AtomicU64::new(0));
        for n in 0..settings.threads.max(1) {
            let receiver: Arc<Mutex<Receiver<Job>>> = Arc::clone(&receiver);
            let max_wait = settings.max_wait;
            let computed = Arc::clone(&computed);
            let spawned = std::thread::Builder::new()
                .name(format!("argon2-{n}"))
                .spawn(move || {
                    yield_to_pages();
                    let mut worker = Worker::new();
                    loop {
                        let job = {
                            let Ok(queue) = receiver.lock() else { return };
                            match queue.recv() {
                                Ok(job) => job,
                                Err(_) => return,
                            }
                        };
                        if worker.run(job, max_wait) {
                            computed.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                });
            if let Err(e) = spawned {
                tracing::error!(error = %e, "cannot start a hashing thread");
            }
        }
        PasswordHasher {
            queue: sender,
            computed,
            max_wait: settings.max_wait,
        }
    }

    /// How many argon2 computations have run so far.
    pub fn computed(&self) -> u64 {
        self.computed.load(Ordering::Relaxed)
    }

    /// Queues `work`; None when the queue is full.
    async fn submit(&self, work: Work, client: Option<ClientProbe>) -> Option<Outcome> {
        let (reply, answer) = oneshot::channel();
        let job = Job {
            work,
            queued_at: Instant::now(),
            client,
            reply,
        };
        match self.queue.try_send(job) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => return None,
            Err(TrySendError::Disconnected(_)) => {
                return Some(Outcome::Failed("no hashing threads".into()))
            }
        }
        Some(answer.await.unwrap_or(Outcome::Expired))
    }

    /// A new argon2id hash of `password`; a busy pool is the "try again shortly" page.
    pub async fn hash(&self, password: String) -> Result<String, AppError> {
        match self.submit(Work::Hash(password), None).await {
            Some(Outcome::Hashed(hash)) => Ok(hash),
            Some(Outcome::Failed(e)) => Err(AppError::Internal(e)),
            _ => Err(AppError::Unavailable("the hashing threads are busy".into())),
        }
    }

    /// Checks a signed-in user's current password (before a change): busy is the "try again
    /// shortly" page.
    pub async fn check(
        &self,
        stored_hash: Option<String>,
        password: String,
    ) -> Result<bool, AppError> {
        match self.verify(stored_hash, password, None).await? {
            Verification::Checked(matches) => Ok(matches),
            Verification::Busy | Verification::ClientGone => {
                Err(AppError::Unavailable("the hashing threads are busy".into()))
            }
        }
    }

    /// Checks `password` against `stored_hash`; with no hash (unknown user) never a match,
    /// after the same amount of work. `client` lets the pool skip a client that has gone.
    pub async fn verify(
        &self,
        stored_hash: Option<String>,
        password: String,
        client: Option<ClientProbe>,
    ) -> Result<Verification, AppError> {
        match self
            .submit(Work::Verify(stored_hash, password), client)
            .await
        {
            Some(Outcome::Verified(matches)) => Ok(Verification::Checked(matches)),
            Some(Outcome::ClientGone) => Ok(Verification::ClientGone),
            Some(Outcome::Failed(e)) => Err(AppError::Internal(e)),
            Some(Outcome::Hashed(_)) => Err(AppError::Internal("unexpected hash".into())),
            None | Some(Outcome::Expired) => Ok(Verification::Busy),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_and_verify_with_the_reference_implementation() {
        use argon2::password_hash::PasswordVerifier;
        let hash = hash_password("correct horse").unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        let parsed = PasswordHash::new(&hash).unwrap();
        assert!(Argon2::default()
            .verify_password(b"correct horse", &parsed)
            .is_ok());
        let mut worker = Worker::new();
        assert!(worker.verify(&hash, "correct horse"));
        assert!(!worker.verify(&hash, "wrong"));
        assert!(!worker.verify("not a hash", "correct horse"));
    }

    #[test]
    fn hashes_made_by_the_reference_implementation_verify() {
        use argon2::password_hash::PasswordHasher as _;
        let salt = SaltString::generate(&mut OsRng);
        let hash = Argon2::default()
            .hash_password(b"an older hash", &salt)
            .unwrap()
            .to_string();
        let mut worker = Worker::new();
        assert!(worker.verify(&hash, "an older hash"));
        assert!(!worker.verify(&hash, "an older hasH"));
    }

    fn pool(threads: usize, queue: usize, max_wait: Duration) -> PasswordHasher {
        PasswordHasher::new(HashPoolSettings {
            threads,
            queue,
            max_wait,
        })
    }

    /// The nice value of each of this process's threads named `argon2-*`.
    #[cfg(target_os = "linux")]
    fn hashing_thread_nice_values() -> Vec<i64> {
        let mut values = Vec::new();
        for task in std::fs::read_dir("/proc/self/task").unwrap().flatten() {
            let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
            if !comm.starts_with("argon2-") {
                continue;
            }
            let stat = std::fs::read_to_string(task.path().join("stat")).unwrap_or_default();
            // Fields after the command's closing parenthesis start at field 3 (the state);
            // the nice value is field 19.
            let after = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
            if let Some(nice) = after.split_whitespace().nth(16) {
                values.push(nice.parse().unwrap());
            }
        }
        values
    }

    #[cfg(target_os = "linux")]
    #[tokio::test]
    async fn hashing_threads_give_way_to_the_threads_answering_pages() {
        let hasher = pool(2, 4, Duration::from_secs(5));
        // A hash done means both threads have started (and set their priority) or will have.
        hasher.hash("warm up".into()).await.unwrap();
        let started = Instant::now();
        // Other tests start hashing threads too; one just started may not have set its
        // priority yet, so look again for a moment before concluding.
        let settled = |values: &[i64]| values.len() >= 2 && values.iter().all(|&n| n == 10);
        let mut values = hashing_thread_nice_values();
        while !settled(&values) && started.elapsed() < Duration::from_secs(5) {
            tokio::time::sleep(Duration::from_millis(20)).await;
            values = hashing_thread_nice_values();
        }
        assert!(values.len() >= 2, "hashing threads found: {values:?}");
        assert!(values.iter().all(|&n| n == 10), "nice values: {values:?}");
    }

    #[tokio::test]
    async fn an_unknown_user_never_matches() {
        let hasher = pool(1, 4, Duration::from_secs(5));
        let hash = hasher.hash("secret words".into()).await.unwrap();
        assert_eq!(
            hasher
                .verify(Some(hash), "secret words".into(), None)
                .await
                .unwrap(),
            Verification::Checked(true)
        );
        assert_eq!(
            hasher
                .verify(None, "secret words".into(), None)
                .await
                .unwrap(),
            Verification::Checked(false)
        );
    }

    #[tokio::test]
    async fn a_full_queue_answers_busy_at_once() {
        // No thread takes work off this queue of one: the second request finds it full.
        let (queue, _receiver) = sync_channel::<Job>(1);
        let hasher = PasswordHasher {
            queue,
            computed: Arc::new(AtomicU64::new(0)),
            max_wait: Duration::from_secs(60),
        };
        let first = hasher.verify(None, "pw".into(), None);
        let second = hasher.verify(None, "pw".into(), None);
        let started = Instant::now();
        let (first, second) = futures_util::future::join(
            async { tokio::time::timeout(Duration::from_millis(200), first).await },
            second,
        )
        .await;
        assert!(first.is_err(), "the queued request is still waiting");
        assert_eq!(second.unwrap(), Verification::Busy);
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    fn job(client: Option<ClientProbe>, queued_at: Instant) -> (Job, oneshot::Receiver<Outcome>) {
        let (reply, answer) = oneshot::channel();
        let job = Job {
            work: Work::Verify(None, "pw".into()),
            queued_at,
            client,
            reply,
        };
        (job, answer)
    }

    #[test]
    fn a_request_that_waited_too_long_is_not_hashed() {
        let mut worker = Worker::new();
        let (job, mut answer) = job(None, Instant::now() - Duration::from_secs(3));
        worker.run(job, Duration::from_secs(2));
        assert!(matches!(answer.try_recv(), Ok(Outcome::Expired)));
    }

    #[test]
    fn a_client_that_closed_its_connection_is_not_hashed() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (server_side, _) = listener.accept().unwrap();
        server_side.set_nonblocking(true).unwrap();
        let probe = ClientProbe::new(&server_side).unwrap();
        assert!(!probe.is_gone(), "an open, quiet connection is there");
        drop(client);
        let deadline = Instant::now() + Duration::from_secs(5);
        while !probe.is_gone() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        let mut worker = Worker::new();
        let (job, mut answer) = job(Some(probe), Instant::now());
        worker.run(job, Duration::from_secs(2));
        assert!(matches!(answer.try_recv(), Ok(Outcome::ClientGone)));
    }
}
