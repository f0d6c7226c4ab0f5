//! Sessions: idle timeout, the list of open sessions, cookies and headers, requests from other sites.
