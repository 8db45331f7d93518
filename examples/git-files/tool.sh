#!/bin/sh
echo "jackal example tool"
