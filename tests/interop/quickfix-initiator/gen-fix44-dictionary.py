#!/usr/bin/env python3
"""Writes a QuickFIX data dictionary for FIX 4.4 (the XML format of QuickFIX's FIX44.xml)
from the C++ headers that Debian's libquickfix-dev installs, on stdout.

Debian's package ships no spec/*.xml, and without a dictionary QuickFIX parses every
message flat and rejects any repeated tag ("Tag appears more than once"), which is every
repeating group. The headers hold what the dictionary needs, since QuickFIX generated them
from its own FIX44.xml:
  FixFieldNumbers.h   tag numbers               const int Symbol = 55;
  FixFields.h         field types               DEFINE_STRING(Symbol);
  fix44/<Msg>.h       a message's type, its required fields (the constructor's arguments),
                      its fields and groups in order (components are already flattened)
  fix44/Message.h     the standard header and trailer
Enumerated values are left out (FixValues.h mixes every FIX version), so QuickFIX checks
tags, types, required fields, field order and groups, but not enum values.

usage: gen-fix44-dictionary.py [/usr/include/quickfix] > FIX44.xml
"""
import os
import re
import sys
from xml.sax.saxutils import quoteattr

INCLUDE = sys.argv[1] if len(sys.argv) > 1 else "/usr/include/quickfix"
ADMIN = {"0", "1", "2", "3", "4", "5", "A"}
HEADER_REQUIRED = {"BeginString", "BodyLength", "MsgType", "SenderCompID", "TargetCompID", "MsgSeqNum", "SendingTime"}
TRAILER_REQUIRED = {"CheckSum"}


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def fields():
    numbers = dict(re.findall(r"const int (\w+) = (\d+);", read(os.path.join(INCLUDE, "FixFieldNumbers.h"))))
    types = dict((name, kind) for kind, name in re.findall(r"^\s*DEFINE_(\w+)\((\w+)\);", read(os.path.join(INCLUDE, "FixFields.h")), re.M))
    return {name: (int(numbers[name]), types[name]) for name in types if name in numbers}


class Node:
    """A message, the header, the trailer or a group: an ordered list of fields and groups."""

    def __init__(self, name):
        self.name = name
        self.items = []  # (name, Node or None)


def parse_body(lines, start, node):
    """Reads FIELD_SETs and nested groups into node from lines[start:] up to the class's
    closing '};'; returns the index after it."""
    i = start
    while i < len(lines):
        line = lines[i].strip()
        field = re.match(r"FIELD_SET\(\*this, FIX::(\w+)\);", line)
        group = re.match(r"class (\w+): public FIX::Group", line)
        if field:
            node.items.append((field.group(1), None))
        elif group:
            child = Node(group.group(1))
            i = parse_body(lines, i + 1, child)
            for k in range(len(node.items) - 1, -1, -1):
                if node.items[k][0] == child.name:
                    node.items[k] = (child.name, child)
                    break
            else:
                node.items.append((child.name, child))
            continue
        elif line == "};":
            return i + 1
        i += 1
    raise ValueError("unterminated class " + node.name)


def messages():
    result = []
    folder = os.path.join(INCLUDE, "fix44")
    for file in sorted(os.listdir(folder)):
        if not file.endswith(".h") or file in ("Message.h", "MessageCracker.h"):
            continue
        text = read(os.path.join(folder, file))
        kind = re.search(r'static FIX::MsgType MsgType\(\) \{ return FIX::MsgType\("([^"]+)"\); \}', text)
        name = re.search(r"class (\w+) : public Message", text)
        if not kind or not name:
            continue
        lines = text.splitlines()
        start = next(i for i, l in enumerate(lines) if re.search(r"class \w+ : public Message", l))
        node = Node(name.group(1))
        parse_body(lines, start + 2, node)
        required = set(re.findall(r"const FIX::(\w+)& a\w+", text))
        result.append((node, kind.group(1), required))
    return result


def header_and_trailer():
    lines = read(os.path.join(INCLUDE, "fix44", "Message.h")).splitlines()
    header = Node("header")
    trailer = Node("trailer")
    h = next(i for i, l in enumerate(lines) if "class Header : public FIX::Header" in l)
    t = next(i for i, l in enumerate(lines) if "class Trailer : public FIX::Trailer" in l)
    parse_body(lines, h + 2, header)
    parse_body(lines, t + 2, trailer)
    return header, trailer


def write(out, node, required, indent, known):
    for name, child in node.items:
        if name not in known:
            continue
        flag = "Y" if name in required else "N"
        if child is None:
            out.append(f'{indent}<field name={quoteattr(name)} required="{flag}"/>')
        else:
            out.append(f'{indent}<group name={quoteattr(name)} required="{flag}">')
            write(out, child, set(), indent + "  ", known)
            out.append(f"{indent}</group>")


def main():
    known = fields()
    header, trailer = header_and_trailer()
    out = ['<fix type="FIX" major="4" minor="4" servicepack="0">', " <header>"]
    write(out, header, HEADER_REQUIRED, "  ", known)
    out += [" </header>", " <trailer>"]
    write(out, trailer, TRAILER_REQUIRED, "  ", known)
    out += [" </trailer>", " <messages>"]
    for node, kind, required in messages():
        category = "admin" if kind in ADMIN else "app"
        out.append(f"  <message name={quoteattr(node.name)} msgtype={quoteattr(kind)} msgcat=\"{category}\">")
        write(out, node, required, "   ", known)
        out.append("  </message>")
    out += [" </messages>", " <components>", " </components>", " <fields>"]
    for name, (number, kind) in sorted(known.items(), key=lambda item: item[1][0]):
        out.append(f"  <field number=\"{number}\" name={quoteattr(name)} type={quoteattr(kind)}/>")
    out += [" </fields>", "</fix>"]
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
