#!/usr/bin/python3
"""Writes hourly.csv and observed.csv of the Otay Mesa example from SANDAG's two public files.

Usage (python3 standard library only):
  extract_sandag.py OME_Observed_Data.csv poe_rates_2017_base.csv OUT_DIR

The inputs are, in https://github.com/SANDAG/SR11_OME_IG at commit
ab5bcb037483873d5a88e2af1630553fc97e2366 (both files last changed in c873a28a556bbe21c2a808b983431faebfa2bb5a):
  calibration/OME_Observed_Data.csv
  scenario_inputs/2017_Base/POE_Rates/poe_rates_2017_base.csv
e.g. `git show HEAD:calibration/OME_Observed_Data.csv > OME_Observed_Data.csv` in a clone.

SANDAG numbers the hours 1 ... 24, hour 1 being 00:00-01:00 (data_in/ReadMe.md: "hour 1 is midnight
to 1:00am, hour 24 is 11:00pm to midnight"; docs/user_guide.md: "TIME is 1 for midnight to 1:00am;
24 for 11:00pm to midnight"). tumen's hour h is h:00-(h+1):00, so tumen hour = SANDAG hour - 1.
This script only selects, renames and rounds; it computes nothing else.
"""

import csv
import sys

SOURCE = "https://github.com/SANDAG/SR11_OME_IG"
COMMIT = "ab5bcb037483873d5a88e2af1630553fc97e2366"
TYPES = [("general", "General", "GP"), ("ready", "Ready", "RE"), ("sentri", "SENTRI", "SE")]


def main(observed_path, rates_path, out_dir):
    obs = {}
    with open(observed_path, newline="") as f:
        for row in csv.DictReader(f):
            if (row["port_name"], row["direction"], row["vehicle_type"]) == (
                "Otay Mesa", "Northbound", "Passenger"):
                obs[(row["traveler_type"], int(row["hour"]))] = row
    with open(rates_path, newline="") as f:
        rates = {int(row["TIME"]): row for row in csv.DictReader(f)}

    with open(f"{out_dir}/hourly.csv", "w", newline="") as f:
        f.write(
            "# Otay Mesa (San Diego, CA) port of entry, northbound passenger vehicles (POV), primary\n"
            "# inspection, by lane type: General, Ready (RFID cards), SENTRI (trusted travellers).\n"
            f"# Source: SANDAG, {SOURCE} at commit {COMMIT}\n"
            "#   *_volume: calibration/OME_Observed_Data.csv, column volume (rows port_name Otay Mesa,\n"
            "#             direction Northbound, vehicle_type Passenger, traveler_type General / Ready /\n"
            "#             SENTRI): vehicles in the hour (its source_Volume column is blank; the\n"
            "#             lanes and waits beside it are \"CBP_data_TueWedThu\": Tuesdays-Thursdays;\n"
            "#             the year is not stated, SANDAG's base year is 2017); fractional in the source\n"
            "#             (an average), rounded here to 0.1 vehicle (SENTRI 00-03 h: 0-1.1).\n"
            "#   *_lanes:  same file, column open_lanes (source_open_lanes \"CBP_data_TueWedThu\"): lanes\n"
            "#             open in the hour, whole numbers in the source.\n"
            "#   *_rate:   scenario_inputs/2017_Base/POE_Rates/poe_rates_2017_base.csv, columns\n"
            "#             OM_GP_VEH, OM_RE_VEH, OM_SE_VEH: processing rate, vehicles per hour per open\n"
            "#             lane (docs/user_guide.md), SANDAG's 2017 base-year calibrated input.\n"
            "# hour: 0 = 00:00-01:00 ... 23 = 23:00-24:00 = SANDAG's hour (TIME) minus 1; SANDAG defines\n"
            "#   hour 1 as midnight to 1:00am (data_in/ReadMe.md, docs/user_guide.md).\n"
            "# Written by examples/otay-mesa/extract_sandag.py.\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["hour"] + [f"{t}_volume" for t, _, _ in TYPES] +
                   [f"{t}_lanes" for t, _, _ in TYPES] + [f"{t}_rate" for t, _, _ in TYPES])
        for h in range(1, 25):
            row = [h - 1]
            row += [f"{float(obs[(name, h)]['volume']):.1f}" for _, name, _ in TYPES]
            row += [int(obs[(name, h)]["open_lanes"]) for _, name, _ in TYPES]
            row += [int(rates[h][f"OM_{code}_VEH"]) for _, _, code in TYPES]
            w.writerow(row)

    with open(f"{out_dir}/observed.csv", "w", newline="") as f:
        f.write(
            "# Observed hourly waits at primary inspection, Otay Mesa northbound POV, by lane type.\n"
            f"# Source: SANDAG, {SOURCE} at commit {COMMIT},\n"
            "#   calibration/OME_Observed_Data.csv, column wait_time (source_wait_time \"CBP_data_TueWedThu\n"
            "#   summarized by SANDAG\": CBP data for Tuesdays-Thursdays), minutes. The file's other wait\n"
            "#   columns (wait_time_caltrans, wait_time_survey) are sparse and not used here.\n"
            "# hour: 0 = 00:00-01:00 = SANDAG's hour 1 (data_in/ReadMe.md). SANDAG's model compares it\n"
            "#   with the median wait of the vehicles that arrived in that hour (model/\n"
            "#   discrete_event_simulation.R, docs/user_guide.md \"Model Outputs\"); tumen's series is the\n"
            "#   mean wait of the vehicles that joined the queue in that hour.\n"
            "# Left out: SENTRI 00-03 h (0 lanes open, at most 1.1 vehicles, wait 0 in the source).\n"
            "# Written by examples/otay-mesa/extract_sandag.py.\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["series", "hour", "value", "unit"])
        for t, name, _ in TYPES:
            for h in range(1, 25):
                row = obs[(name, h)]
                if int(row["open_lanes"]) == 0:
                    continue
                w.writerow([f"stage.{t}.hourly.wait_mean", h - 1, row["wait_time"], "min"])


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
