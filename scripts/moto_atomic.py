"""moto server that handles one request at a time.

moto's threaded server has no locks: two concurrent conditional writes can both pass
their condition, which real DynamoDB never allows (every PutItem, UpdateItem and
TransactWriteItems is atomic). Serialising the requests gives the emulator that
guarantee, so the concurrency tests test our conditions, not moto's races.

It also checks a TransactWriteItems before applying it, instead of moto's way: moto
deep-copies every table the transaction names, with its stream, once per item, to
restore it if an item fails. That copy grows with the table, and so with every test
that writes to it: in the test command it was most of the time of the load test on the
emulator (a 100-way race took minutes). Checking first is exact here, because requests
run one at a time: every condition is evaluated against the state the transaction
starts from (the items are distinct, which moto checks too), and only if all hold is
anything written. What DynamoDB would still refuse while writing (a malformed update)
restores the items written so far.

Usage: python moto_atomic.py <host> <port>
"""
import copy
import os
import sys
import threading

from werkzeug.serving import run_simple

from moto.dynamodb import models as dynamodb
from moto.dynamodb.models import DynamoDBBackend
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app


def transact_write_items(self, transact_items):
    """moto's TransactWriteItems (same checks, same errors), checked before it writes."""
    if len(transact_items) > 100:
        raise dynamodb.TooManyTransactionsException()
    targets, errors, plan = set(), [], []
    for item in transact_items:
        if len(list(item.keys())) > 1:
            raise dynamodb.TransactWriteSingleOpException
        original_item = None
        try:
            op_type, op = next(iter(item.items()))
            if op_type not in {"ConditionCheck", "Put", "Delete", "Update"}:
                raise ValueError("Unsupported transaction operation")
            table_name = op["TableName"]
            if op_type == "Put":
                table = self.get_table(table_name)
                attrs = op["Item"]
                key = {table.hash_key_attr: attrs[table.hash_key_attr]}
                if table.range_key_attr is not None:
                    key[table.range_key_attr] = attrs[table.range_key_attr]
            else:
                key = op["Key"]
            target = (str(table_name), str(dict(sorted(key.items()))))
            if target in targets:
                raise dynamodb.MultipleTransactionsException()
            targets.add(target)
            current = self.get_item(table_name, key)
            condition = op.get("ConditionExpression")
            if condition is not None:
                check = dynamodb.get_filter_expression(
                    condition, op.get("ExpressionAttributeNames"), op.get("ExpressionAttributeValues")
                )
                if not check.expr(current):
                    if op.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD" and current:
                        original_item = current.to_json()["Attributes"]
                    raise dynamodb.ConditionalCheckFailed(item=original_item)
            plan.append((op_type, op, table_name, key))
            errors.append((None, None, None))
        except (dynamodb.MultipleTransactionsException, dynamodb.MockValidationException):
            raise
        except dynamodb.ConditionalCheckFailed as e:
            errors.append(("ConditionalCheckFailed", str(e.message), original_item))
        except Exception as e:  # noqa: BLE001 (moto reports any other failure per item too)
            errors.append((type(e).__name__, str(e), original_item))
    if any(code is not None for code, _, _ in errors):
        raise dynamodb.TransactionCanceledException(errors)
    written = []
    try:
        for index, (op_type, op, table_name, key) in enumerate(plan):
            before = self.get_item(table_name, key)
            written.append((table_name, key, copy.deepcopy(before) if before is not None else None))
            names, values = op.get("ExpressionAttributeNames"), op.get("ExpressionAttributeValues")
            if op_type == "Put":
                self.put_item(table_name, op["Item"], expression_attribute_names=names, expression_attribute_values=values)
            elif op_type == "Delete":
                self.delete_item(table_name, key, expression_attribute_names=names, expression_attribute_values=values)
            elif op_type == "Update":
                self.update_item(
                    table_name,
                    key,
                    update_expression=op["UpdateExpression"],
                    expression_attribute_names=names,
                    expression_attribute_values=values,
                )
    except Exception as e:
        for table_name, key, before in reversed(written):
            if before is None:
                self.delete_item(table_name, key)
            else:
                self.put_item(table_name, before.to_json()["Attributes"])
        if isinstance(e, (dynamodb.MultipleTransactionsException, dynamodb.MockValidationException)):
            raise
        failed = [(None, None, None)] * len(plan)
        failed[index] = (type(e).__name__, str(e), None)
        raise dynamodb.TransactionCanceledException(failed)


DynamoDBBackend.transact_write_items = transact_write_items

host, port = sys.argv[1], int(sys.argv[2])
os.environ.setdefault("MOTO_PORT", str(port))
app = DomainDispatcherApplication(create_backend_app)
one_at_a_time = threading.Lock()


def atomic(environ, start_response):
    with one_at_a_time:
        # The whole answer is produced under the lock.
        return list(app(environ, start_response))


run_simple(host, port, atomic, threaded=True, request_handler=MotoRequestHandler)
