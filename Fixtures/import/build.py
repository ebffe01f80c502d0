#!/usr/bin/env python3
"""Writes the import fixture cases: each a copy of Fixtures/example-bundle with one
rule broken (or one allowed variation), a README saying what it proves, and, with
--expected, the exact output of `panelboard import` (to be read by a person before it
is committed: it is the assertion).

    python3 Fixtures/import/build.py                 # the bundles and READMEs
    python3 Fixtures/import/build.py --expected BIN  # and expected.txt, from BIN
"""
import os, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.join(HERE, '..', 'example-bundle')
R = 'referrals.csv'


def example():
    return {n: open(os.path.join(BASE, n), encoding='utf-8').read() for n in os.listdir(BASE) if n.endswith('.csv')}


def rep(fname, old, new):
    def change(f):
        assert old in f[fname], (fname, old)
        f[fname] = f[fname].replace(old, new, 1)
    return change


def add(fname, line):
    def change(f):
        f[fname] += line + '\n'
    return change


def column(fname, name, values):
    """Adds a column: `values` maps a row's first cell to its value; others are empty."""
    def change(f):
        lines = f[fname].rstrip('\n').split('\n')
        out = [lines[0] + ',' + name]
        for line in lines[1:]:
            out.append(line + ',' + values.get(line.split(',')[0], ''))
        f[fname] = '\n'.join(out) + '\n'
    return change


def both(*changes):
    def change(f):
        for c in changes:
            c(f)
    return change


CASES = []


def case(name, about, change=None, only=None, args=(), raw=None):
    CASES.append((name, about, change, only, list(args), raw))


case('valid-variations', 'A valid bundle in every spelling the contract allows: a BOM and CRLF line ends, columns in another order with other case and spaces, booleans as Y/N, Yes/No, TRUE/FALSE, 1/0, enumerations with spaces and hyphens, F/M, a quoted field holding a comma, doubled quotes and a line break, a blank line and a trailing ,,,, row (not rows), an unknown column (listed, not stored), a local agency name mapped by agency-mapping.csv, and one no mapping knows (kept as written, listed).',
     raw={R: '\ufeff' + '\r\n'.join([
         ' Referral ID ,PANEL,Area,victim_ref,Referral-Date,meeting_date,referring_agency,referral_reason,discussion_type,victim_gender,victim_ethnic_minority,victim_disabled,victim_lgbt,recorded_repeat,outcome,Case Notes',
         'R101,MARAC,North,V0101,2024-01-03,10/01/2024,Police,Visible high risk,significant-update,F,Y,No,TRUE,0,"heard, then ""stepped down""\r\nnext day",ok',
         '',
         'R102,marac,North,V0102,3/1/2024,2024-01-10,Cleveland Police,potential escalation,Full,M,n,YES,false,1,,',
         'R103,MARAC,North,V0103,2024-01-04,,Northdale Outreach,,,other,,,,,,',
         ',,,,,,,,,,,,,,,', '']),
         'agency-mapping.csv': open(os.path.join(BASE, 'agency-mapping.csv')).read()})
case('missing-required-column', 'referrals.csv has no referral_date column: refused before any row is read.',
     rep(R, 'perpetrator_ref,referral_date,', 'perpetrator_ref,received,'))
case('duplicate-header-column', 'The header names area twice.', rep(R, ',recorded_repeat\n', ',area\n'))
case('empty-file', 'meetings.csv is empty: a header row is required.', lambda f: f.__setitem__('meetings.csv', ''))
case('missing-required-value', 'R003 has no area.', rep(R, 'R003,MARAC,Hartlepool,', 'R003,MARAC,,'))
case('bad-dates', 'Dates in forms the contract does not allow, and two written correctly that name no real day (31 February, month 13): each is refused with its column, and the message tells the two kinds apart ("not a date" with the forms to use, or "not a day of the calendar"). The actions of the refused referrals go with them.',
     both(rep(R, 'P0001,2024-01-03', 'P0001,31/02/2024'), rep(R, 'P0003,2024-01-15', 'P0003,2024-13-01'),
          rep(R, 'P0001,2024-03-01', 'P0001,2024/03/01'), rep(R, 'P0001,2024-03-12', 'P0001,12-03-2024')))
case('date-outside-supported-range', 'A referral date of 31/12/1899 and a due date of 9999-12-31 (a "no date" some systems write): real days, but outside 1900-01-01 to 2999-12-31, the dates Panelboard works with, so refused with that range.',
     both(rep(R, 'P0003,2024-01-15', 'P0003,31/12/1899'), rep('actions.csv', 'A004,R004,idva,2024-03-06,,', 'A004,R004,idva,2024-03-06,9999-12-31,')))
case('date-after-as-of', "R004 was heard after the import's as-of date (2024-04-01).", rep(R, 'M03,2024-03-06', 'M03,2024-04-06'))
case('due-date-after-as-of', 'An action due after the as-of date is a plan, not an error: the bundle imports.',
     rep('actions.csv', 'A004,R004,idva,2024-03-06,,', 'A004,R004,idva,2024-03-06,2024-04-20,'))
case('bad-boolean', 'victim_disabled is "maybe".', rep(R, '35-44,N,Y,N,N,N', '35-44,N,maybe,N,N,N'))
case('bad-enumeration', 'A risk level and an attendance status that are not in the contract.',
     both(rep(R, 'visible_high_risk,high,16', 'visible_high_risk,severe,16'), rep('attendance.csv', 'M01,housing,apologies', 'M01,housing,late')))
case('integer-out-of-range', 'A DASH score of 28 (the checklist has 27 questions), a negative children count, a children count of 2^63-1 (past any plausible range, and a sum of two would overflow 64 bits), and a population of 0.',
     both(rep(R, 'visible_high_risk,high,16', 'visible_high_risk,high,28'), rep(R, 'high,11,full,0,', 'high,11,full,-1,'),
          rep(R, 'significant update,1,', 'significant update,9223372036854775807,'),
          rep('areas.csv', 'North,150000,', 'North,0,')))
case('not-an-integer', 'A DASH score written as 16.5 and a children count written as "two".',
     both(rep(R, 'visible_high_risk,high,16', 'visible_high_risk,high,16.5'), rep(R, 'significant update,1,', 'significant update,two,')))
case('no-victim-or-perpetrator', 'R005 has neither a victim_ref nor a perpetrator_ref.', rep(R, 'R005,DAPP,North,,P0001,', 'R005,DAPP,North,,,'))
case('meeting-before-referral', 'R003 was heard before it was referred.', rep(R, 'P0003,2024-01-15,M02,2024-01-24', 'P0003,2024-01-25,M02,2024-01-24'))
case('duplicate-ids', 'A second row with the same key, in every file that has one (ids compare exactly; the cohort key after its date is read).',
     both(add(R, 'R002,MARAC,Stockton,V0009,P0009,2024-01-02,M01,2024-01-10,idva,,,,,,,,,,,,'),
          add('actions.csv', 'A001,R001,police,2024-01-10,2024-01-24,,open,'),
          add('meetings.csv', 'M02,MARAC,Hartlepool,2024-01-25,,'),
          add('attendance.csv', 'M01,Police,deputy'),
          add('cohort.csv', 'P0009,dapp,North,14/09/2023,probation,2024-01-19,custody'),
          add('incidents.csv', 'I001,2024-02-26,P0001,,'),
          add('areas.csv', 'Stockton,78500,')))
case('action-status-rules', "Each rule on an action's status and dates, broken once: completed with no date, a date with status open, a date with status cancelled, completed before agreed, due before agreed.",
     both(add('actions.csv', 'A010,R001,police,2024-01-10,2024-01-24,,completed,'),
          add('actions.csv', 'A011,R001,police,2024-01-10,2024-01-24,2024-01-20,open,'),
          add('actions.csv', 'A012,R001,police,2024-01-10,2024-01-24,2024-01-20,cancelled,'),
          add('actions.csv', 'A013,R001,police,2024-01-10,2024-01-24,2024-01-09,,'),
          add('actions.csv', 'A014,R001,police,2024-01-10,2024-01-09,,open,')))
case('action-unknown-referral', 'An action of a referral that is in neither this import nor the store.', add('actions.csv', 'A010,R999,police,2024-01-10,2024-01-24,,open,'))
case('attendance-unknown-meeting', 'Attendance at a meeting that is in neither this import nor the store.', add('attendance.csv', 'M99,police,attended'))
case('cohort-rules', 'A cohort exit before adoption, an exit with no reason, and two memberships of P0009 that overlap.',
     both(add('cohort.csv', 'P0002,DAPP,North,2024-03-01,marac,2024-02-01,custody'),
          add('cohort.csv', 'P0003,DAPP,North,2024-01-01,marac,2024-02-01,'),
          add('cohort.csv', 'P0009,DAPP,North,2024-01-10,marac,,')))
case('cohort-readopted-on-exit-day', 'P0009 left the cohort on 18 Jan 2024 and was taken on again that day: not an overlap, the bundle imports.',
     add('cohort.csv', 'P0009,DAPP,North,2024-01-18,professional_judgement,,'))
case('incident-no-refs', 'An incident with neither a perpetrator_ref nor a victim_ref.', add('incidents.csv', 'I002,2024-02-26,,,threats'))
case('field-count', 'A row with an unquoted comma (one field too many) and a row cut short: each is one problem, not a cascade of misaligned cells. The referral refused for its field count still has its id in its first field, so the action that refers to it is told that its referral was rejected (and on which line), not that there is no such referral.',
     both(rep(R, "Children's Social Care,", "Children's Social Care,extra,"), add('meetings.csv', 'M05,MARAC,Stockton')))
case('malformed-csv', 'A quoted field that is never closed.', rep('meetings.csv', 'M03,MARAC,Stockton,', 'M03,"MARAC,Stockton,'))
case('line-numbers-count-quoted-breaks', "R001's outcome holds two line breaks inside quotes, so R003 (the third record) starts on physical line 6, where its impossible date is reported.",
     both(column(R, 'outcome', {'R001': '"first line\nsecond line\nthird line"'}), rep(R, 'P0003,2024-01-15', 'P0003,2024-01-32')))
case('unknown-file', 'A CSV file that is not part of the contract sits in the bundle folder: passed over, and listed in the summary.',
     lambda f: f.__setitem__('notes.csv', 'a,b\n1,2\n'))
SURNAME = column(R, 'Surname', {'R001': 'Example'})
DOB = column(R, 'Date of Birth', {'R001': '01/01/1990'})
case('identifying-columns', 'referrals.csv carries a surname and a date of birth: refused before any row is read.', both(SURNAME, DOB))
case('identifying-columns-dropped', 'The same, imported with --drop-identifying-columns: both columns are left out, listed as dropped, and never stored.',
     both(SURNAME, DOB), args=['--drop-identifying-columns'])
case('identifying-cells', 'A phone number in an unknown notes column, a postcode as an area, an NHS number (943 476 5919, valid check digit) as an agency and an e-mail address as a victim_ref: each refused, every value masked.',
     both(column(R, 'notes', {'R001': 'call 07700 900123'}),
          rep(R, 'R003,MARAC,Hartlepool,', 'R003,MARAC,ZZ99 3CZ,'),
          rep('incidents.csv', 'I001,2024-02-25,P0001,V0001,threats', 'I001,2024-02-25,P0001,someone@example.org,threats'),
          rep('actions.csv', 'A004,R004,idva,', 'A004,R004,943 476 5919,')))

case('identifying-typed-cells', 'Identifying data in typed columns, where it once parsed: a phone number as a children count and as a population, a postcode as a panel code and as a meeting date, an NHS number as a DASH score, a National Insurance number as a cohort panel, an e-mail address as an attendance status. Each is refused as identifying data before its type is read, every value masked.',
     both(rep(R, 'high,11,full,0,', 'high,11,full,07700900123,'),
          rep(R, 'R003,MARAC,Hartlepool,', 'R003,SW1A1AA,Hartlepool,'),
          rep(R, 'P0001,2024-03-01,M03,2024-03-06', 'P0001,2024-03-01,M03,TS18 1AA'),
          rep(R, 'visible_high_risk,high,16', 'visible_high_risk,high,9434765919'),
          rep('areas.csv', 'Stockton,78000,', 'Stockton,07700 900123,'),
          rep('cohort.csv', 'P0009,DAPP,North,', 'P0009,AB123456C,North,'),
          rep('attendance.csv', 'M01,idva,attended', 'M01,idva,jo.bloggs@example.com')))
case('identifying-header-cell', 'A header cell of meetings.csv holds a postcode, another an e-mail address: refused before any row is read, the values masked (and not listed as unknown columns).',
     lambda f: f.__setitem__('meetings.csv', f['meetings.csv'].replace('minutes_sent_date\n', 'minutes_sent_date,TS18 1AA,jo.bloggs@example.com\n', 1)))
case('empty-header-cell', 'actions.csv has a column with no name (a comma at the end of its header line): refused, with its place.',
     rep('actions.csv', 'status,action_type\n', 'status,action_type,\n'))
case('control-characters', 'An escape sequence that would clear a terminal as an area, a NUL in a victim_ref, and a C1 control character (U+0085) in an unknown notes column: refused, shown as escapes (\\x1b), never raw.',
     both(rep(R, 'R003,MARAC,Hartlepool,', 'R003,MARAC,"Hartlepool\x1b[2J",'),
          rep(R, 'R002,MARAC,Stockton,V0002,', 'R002,MARAC,Stockton,V\x0002,'),
          column(R, 'notes', {'R001': 'seen\x85twice'})))


def write_cases():
    for name, about, change, only, args, raw in CASES:
        folder = os.path.join(HERE, name)
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(os.path.join(folder, 'bundle'))
        files = raw if raw else example()
        if change:
            change(files)
        for fname, text in files.items():
            with open(os.path.join(folder, 'bundle', fname), 'w', encoding='utf-8', newline='') as out:
                out.write(text)
        if args:
            with open(os.path.join(folder, 'args'), 'w') as out:
                out.write('\n'.join(args) + '\n')
        with open(os.path.join(folder, 'README.md'), 'w') as out:
            command = 'panelboard import bundle --as-of 2024-04-01' + ''.join(' ' + a for a in args)
            out.write(f'# {name}\n\n{about}\n\nImported with `{command}`; `expected.txt` holds the exact exit status, standard output and standard error.\n')
    # A Windows-1252 file: curly quotes, an en dash and a pound sign as Excel writes them.
    for name, args, about in [
        ('not-utf8', [], 'referrals.csv was saved as Windows-1252 (curly quotes, an en dash and a pound sign as single bytes): refused with the line and byte offset of the first bad byte.'),
        ('not-utf8-as-windows-1252', ['--encoding', 'windows-1252'], 'The Windows-1252 file of not-utf8, imported with --encoding windows-1252: it lands, its text turned into UTF-8.')]:
        folder = os.path.join(HERE, name)
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(os.path.join(folder, 'bundle'))
        with open(os.path.join(folder, 'bundle', R), 'wb') as out:
            out.write(b'referral_id,panel,area,victim_ref,referral_date,referring_agency,outcome\nR001,MARAC,North,V0001,2024-01-03,police,\x93stepped down\x94 \x96 \xa3 costs\n')
        if args:
            with open(os.path.join(folder, 'args'), 'w') as out:
                out.write('\n'.join(args) + '\n')
        with open(os.path.join(folder, 'README.md'), 'w') as out:
            command = 'panelboard import bundle --as-of 2024-04-01' + ''.join(' ' + a for a in args)
            out.write(f'# {name}\n\n{about}\n\nImported with `{command}`; `expected.txt` holds the exact exit status, standard output and standard error.\n')


def write_expected(binary):
    for name in sorted(os.listdir(HERE)):
        folder = os.path.join(HERE, name)
        if not os.path.isdir(os.path.join(folder, 'bundle')):
            continue
        args = open(os.path.join(folder, 'args')).read().split('\n')[:-1] if os.path.exists(os.path.join(folder, 'args')) else []
        with tempfile.TemporaryDirectory() as tmp:
            run = subprocess.run([binary, 'import', os.path.join(folder, 'bundle'), '--db', 'store.sqlite', '--as-of', '2024-04-01'] + args,
                                 cwd=tmp, capture_output=True, text=True, env={**os.environ, 'CI': 'true'})
        with open(os.path.join(folder, 'expected.txt'), 'w') as out:
            out.write(f'exit: {run.returncode}\n--- stdout\n{run.stdout}--- stderr\n{run.stderr}')


if __name__ == '__main__':
    write_cases()
    if len(sys.argv) == 3 and sys.argv[1] == '--expected':
        write_expected(os.path.abspath(sys.argv[2]))
