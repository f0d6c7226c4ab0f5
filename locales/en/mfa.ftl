# Multi-factor authentication: enrolment, the sign-in step, recovery codes, the policy.
