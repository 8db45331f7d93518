package dev.jackal.test;
