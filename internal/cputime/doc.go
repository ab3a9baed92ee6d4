// Package cputime reads the CPU time the process has used, so that
// benchmarks can report the work done on every core (cpu-ns/op) apart from
// the time spent waiting on a busy machine.
package cputime
