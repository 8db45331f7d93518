package dev.jackal.core.event;

/** Something the core reports; each front end renders it its own way. */
public sealed interface JackalEvent permits LogEvent, ProgressEvent {}
